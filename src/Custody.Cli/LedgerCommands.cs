using System.CommandLine;
using System.Text.Json;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transparency;
using Spectre.Console;

namespace Custody.Cli;

/// <summary><c>custody ledger verify</c>.</summary>
internal static class LedgerCommands
{
    public static Command Create()
    {
        var database = CliDatabase.Option();
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var head = new Option<string?>("--expect-head")
        {
            Description = "SIZE:TREEHASH of a head noted earlier (as printed by a previous verify); fails if the ledger no longer contains it.",
        };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "A signed checkpoint (FILE or http(s) URL, e.g. https://node/checkpoint): the ledger must extend it. Needs --key; --witness and --quorum make it require a final one.",
        };
        var trust = VerifyCommands.Trust.Options();
        trust.Key.Required = false;
        var verify = new Command("verify", "Recompute every hash and rebuild every table from the ledger; exit 0 only when all agree.") { database, json, head, checkpoint };
        trust.AddTo(verify);
        verify.SetAction(async (parse, cancellationToken) =>
        {
            KnownHead? known = null;
            if (parse.GetValue(checkpoint) is { } source)
            {
                try
                {
                    known = await SignedHeadAsync(source, parse, trust, cancellationToken);
                }
                catch (ProofException ex)
                {
                    await Console.Error.WriteLineAsync($"ledger verification FAILED: {ex.Message}");
                    return ExitCodes.Failed;
                }
                catch (Exception ex) when (ex is FormatException or IOException or HttpRequestException or InvalidOperationException)
                {
                    await Console.Error.WriteLineAsync($"error: --checkpoint: {ex.Message}");
                    return ExitCodes.InvalidInput;
                }
            }
            else if (parse.GetValue(head) is { } text)
            {
                var parts = text.Split(':');
                if (parts.Length != 2 || !long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var size) || size < 1 || parts[1].Length != 64)
                {
                    await Console.Error.WriteLineAsync("error: --expect-head: expected SIZE:TREEHASH, e.g. 11:225a14…(64 hex digits)");
                    return ExitCodes.InvalidInput;
                }
                known = new KnownHead(size, parts[1]);
            }
            var db = await CliDatabase.OpenAsync(parse.GetValue(database), cancellationToken);
            if (db is null)
            {
                return ExitCodes.Failed;
            }
            await using (db)
            {
                var verifier = new VerifyLedger(db);
                var result = CliDatabase.Interactive && !parse.GetValue(json)
                    ? await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
                    {
                        var entries = context.AddTask("verify entries");
                        var tables = context.AddTask("compare tables");
                        var progress = new Progress<VerifyProgress>(p =>
                        {
                            var task = p.Phase == "entries" ? entries : tables;
                            task.MaxValue = Math.Max(1, p.Total);
                            task.Value = p.Done;
                        });
                        return await verifier.RunAsync(progress, known, cancellationToken);
                    })
                    : await verifier.RunAsync(null, known, cancellationToken);
                Print(result, parse.GetValue(json));
                return result.Ok ? ExitCodes.Ok : ExitCodes.Failed;
            }
        });
        return new Command("ledger", "The tamper-evident ledger.") { verify };
    }

    // The checkpoint's signatures are checked before the database is opened: an unsigned head proves nothing.
    private static async Task<KnownHead> SignedHeadAsync(string source, ParseResult parse, VerifyCommands.Trust trust, CancellationToken cancellationToken)
    {
        if (parse.GetValue(trust.Key) is null)
        {
            throw new InvalidOperationException("give the log's key with --key to check the checkpoint's signature");
        }
        string note;
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            // The checkpoint is read from the URL given, not from wherever a redirect points.
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
            note = await http.GetStringAsync(url, cancellationToken);
        }
        else
        {
            note = await File.ReadAllTextAsync(source, cancellationToken);
        }
        var (log, policy) = trust.Read(parse);
        var verified = OfflineVerifier.Checkpoint(note, log, policy);
        return new KnownHead((long)verified.Checkpoint.Size, Convert.ToHexStringLower(verified.Checkpoint.RootHash), "the signed checkpoint");
    }

    private static void Print(LedgerVerification result, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result, JsonSerializerOptions.Web));
            return;
        }
        if (result.Ok)
        {
            Console.WriteLine($"ledger ok: {result.Entries} entries, tree hash {result.TreeHash}; every table matches the ledger.");
        }
        else if (result.FirstBadSeq is { } seq)
        {
            Console.Error.WriteLine($"ledger verification FAILED at entry seq {seq}: {result.Problem}");
        }
        else
        {
            Console.Error.WriteLine($"ledger verification FAILED: table {result.Table}, key {result.Key}: {result.Problem}");
        }
    }
}
