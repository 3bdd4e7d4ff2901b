using System.CommandLine;
using Custody.Transparency;

namespace Custody.Cli;

/// <summary>
/// <c>custody verify</c>: checks proofs with no database, trusting only the keys given on the
/// command line — what a court, a lawyer or the other state runs on a file it was handed.
/// </summary>
internal static class VerifyCommands
{
    /// <summary>The trust options every offline check takes: the log's key, the witnesses' keys and the quorum.</summary>
    internal sealed record Trust(Option<string> Key, Option<string[]> Witnesses, Option<int?> Quorum)
    {
        public static Trust Options() => new(
            new Option<string>("--key") { Description = "The log's verifier key (name+id+key), as published at /log-key.", Required = true },
            new Option<string[]>("--witness") { Description = "A witness's cosigner key (repeatable).", DefaultValueFactory = _ => [] },
            new Option<int?>("--quorum") { Description = "How many of the witnesses must have cosigned (default: all)." });

        public void AddTo(Command command)
        {
            command.Options.Add(Key);
            command.Options.Add(Witnesses);
            command.Options.Add(Quorum);
        }

        /// <exception cref="FormatException">A key is malformed or the quorum impossible.</exception>
        public (NoteVerifier Log, WitnessPolicy Policy) Read(ParseResult parse) =>
            (NoteVerifier.Parse(parse.GetValue(Key)!), WitnessPolicy.Create(parse.GetValue(Witnesses) ?? [], parse.GetValue(Quorum)));
    }

    public static Command Create()
    {
        var checkpoint = new Command("checkpoint", "Check a checkpoint's log signature and witness cosignatures.");
        var checkpointFile = new Argument<FileInfo>("CHECKPOINT") { Description = "The signed checkpoint (as served at /checkpoint)." };
        checkpoint.Arguments.Add(checkpointFile);
        var trust = Trust.Options();
        trust.AddTo(checkpoint);
        checkpoint.SetAction(parse => Run(() =>
        {
            var (log, policy) = trust.Read(parse);
            var verified = OfflineVerifier.Checkpoint(File.ReadAllText(parse.GetValue(checkpointFile)!.FullName), log, policy);
            return $"checkpoint ok: {Describe(verified)}";
        }));

        var inclusion = new Command("inclusion", "Check that an entry's exact bytes are in the log, under a final checkpoint.");
        var proofFile = new Argument<FileInfo>("PROOF") { Description = "A C2SP tlog-proof file (index, proof hashes, checkpoint)." };
        var entry = new Option<FileInfo>("--entry") { Description = "The entry's exact stored bytes.", Required = true };
        inclusion.Arguments.Add(proofFile);
        inclusion.Options.Add(entry);
        var inclusionTrust = Trust.Options();
        inclusionTrust.AddTo(inclusion);
        inclusion.SetAction(parse => Run(() =>
        {
            var (log, policy) = inclusionTrust.Read(parse);
            var proof = TlogProof.Parse(File.ReadAllText(parse.GetValue(proofFile)!.FullName));
            var verified = OfflineVerifier.Inclusion(proof, File.ReadAllBytes(parse.GetValue(entry)!.FullName), log, policy);
            return $"inclusion ok: the entry is leaf {proof.Index} (seq {proof.Index + 1}) of {Describe(verified)}";
        }));

        var consistency = new Command("consistency", "Check that a newer checkpoint's tree extends an older one's.");
        var older = new Option<FileInfo>("--old") { Description = "The older signed checkpoint.", Required = true };
        var newer = new Option<FileInfo>("--new") { Description = "The newer signed checkpoint.", Required = true };
        var hashes = new Option<FileInfo>("--proof") { Description = "The consistency proof: one base64 hash a line.", Required = true };
        consistency.Options.Add(older);
        consistency.Options.Add(newer);
        consistency.Options.Add(hashes);
        var consistencyTrust = Trust.Options();
        consistencyTrust.AddTo(consistency);
        consistency.SetAction(parse => Run(() =>
        {
            var (log, policy) = consistencyTrust.Read(parse);
            var proof = File.ReadAllLines(parse.GetValue(hashes)!.FullName).Where(l => l.Length > 0).Select(Convert.FromBase64String).ToList();
            var (a, b) = OfflineVerifier.Consistency(File.ReadAllText(parse.GetValue(older)!.FullName), File.ReadAllText(parse.GetValue(newer)!.FullName), proof, log, policy);
            return $"consistency ok: size {a.Checkpoint.Size} is a prefix of size {b.Checkpoint.Size}";
        }));

        var bundle = new Command("bundle", "Check a court's evidence bundle: every entry's proof against its final checkpoint.");
        var bundleFile = new Argument<FileInfo>("BUNDLE") { Description = "The evidence bundle (JSON) downloaded from a person's record." };
        bundle.Arguments.Add(bundleFile);
        var bundleTrust = Trust.Options();
        bundleTrust.AddTo(bundle);
        bundle.SetAction(parse => Run(() =>
        {
            var (log, policy) = bundleTrust.Read(parse);
            var (evidence, verified) = EvidenceBundle.Verify(File.ReadAllText(parse.GetValue(bundleFile)!.FullName), log, policy);
            return $"bundle ok: {evidence.Entries.Count} entries about person {evidence.Person}, each proven in {Describe(verified)}";
        }));

        return new Command("verify", "Check checkpoints and proofs offline, trusting only the keys given.") { checkpoint, inclusion, consistency, bundle };
    }

    internal static string Describe(VerifiedCheckpoint verified) =>
        $"{verified.Checkpoint.Origin} at size {verified.Checkpoint.Size} (root {Convert.ToBase64String(verified.Checkpoint.RootHash)}), signed by the log"
        + (verified.CosignedBy.Count > 0 ? $" and cosigned by {string.Join(", ", verified.CosignedBy.Select(w => w.Name))}" : "");

    // Exit 0 when it verifies, 1 (with why) when it does not, 2 when the input cannot be read.
    private static int Run(Func<string> check)
    {
        try
        {
            Console.WriteLine(check());
            return ExitCodes.Ok;
        }
        catch (ProofException ex)
        {
            Console.Error.WriteLine("verification FAILED: " + ex.Message);
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
