using System.Globalization;
using System.Text;
using Custody.Ledger;

namespace Custody.Transparency;

/// <summary>Raised when something presented as proof does not prove it; the message says what failed.</summary>
public sealed class ProofException(string message) : Exception(message);

/// <summary>A checkpoint whose log signature verified, and the witnesses whose cosignatures did.</summary>
public sealed record VerifiedCheckpoint(Checkpoint Checkpoint, IReadOnlyList<NoteVerifier> CosignedBy, bool Final);

/// <summary>
/// What someone who trusts only the published keys checks, with no database: a checkpoint's log
/// signature and witness policy, an entry's inclusion under it, and the consistency of two checkpoints.
/// </summary>
public static class OfflineVerifier
{
    /// <summary>Checks the log's signature and the witness policy.</summary>
    /// <exception cref="ProofException">The note is malformed, not signed by the log, or not final under the policy.</exception>
    public static VerifiedCheckpoint Checkpoint(string signedNote, NoteVerifier logKey, WitnessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        ArgumentNullException.ThrowIfNull(policy);
        SignedNote note;
        Checkpoint checkpoint;
        try
        {
            note = SignedNote.Parse(signedNote);
            checkpoint = Transparency.Checkpoint.Parse(note.Text);
        }
        catch (FormatException ex)
        {
            throw new ProofException($"the checkpoint is malformed: {ex.Message}");
        }
        if (checkpoint.Origin != logKey.Name)
        {
            throw new ProofException($"the checkpoint is for the log '{checkpoint.Origin}', not '{logKey.Name}'");
        }
        if (!note.IsSignedBy(logKey))
        {
            throw new ProofException($"the checkpoint is not signed by the log key {logKey}");
        }
        var cosigned = policy.CosignedBy(note);
        if (cosigned.Count < policy.Quorum)
        {
            throw new ProofException($"the checkpoint is cosigned by {cosigned.Count} of the {policy.Witnesses.Count} witnesses, and {policy.Quorum} are needed: it is not final");
        }
        return new VerifiedCheckpoint(checkpoint, cosigned, true);
    }

    /// <summary>Checks that the entry bytes are in the log at the proof's index, under a final checkpoint.</summary>
    /// <exception cref="ProofException">They are not, or the checkpoint does not verify.</exception>
    public static VerifiedCheckpoint Inclusion(TlogProof proof, ReadOnlySpan<byte> entry, NoteVerifier logKey, WitnessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var verified = Checkpoint(proof.Checkpoint.ToString(), logKey, policy);
        if (!MerkleProof.VerifyInclusion(proof.Index, verified.Checkpoint.Size, MerkleTree.LeafHash(entry), proof.Proof, verified.Checkpoint.RootHash))
        {
            throw new ProofException($"the inclusion proof does not place this entry at index {proof.Index} of the tree of size {verified.Checkpoint.Size}");
        }
        return verified;
    }

    /// <summary>Checks that the newer checkpoint's tree extends the older one's.</summary>
    /// <exception cref="ProofException">It does not, or a checkpoint does not verify.</exception>
    public static (VerifiedCheckpoint Old, VerifiedCheckpoint New) Consistency(string oldNote, string newNote, IReadOnlyList<byte[]> proof, NoteVerifier logKey, WitnessPolicy policy)
    {
        var older = Checkpoint(oldNote, logKey, policy);
        var newer = Checkpoint(newNote, logKey, policy);
        var (m, n) = (older.Checkpoint.Size, newer.Checkpoint.Size);
        var ok = m == 0 ? proof.Count == 0 : MerkleProof.VerifyConsistency(m, n, older.Checkpoint.RootHash, newer.Checkpoint.RootHash, proof);
        return ok ? (older, newer) : throw new ProofException($"the consistency proof does not show the tree of size {m} to be a prefix of the tree of size {n}");
    }
}

/// <summary>
/// C2SP tlog-proof: <c>c2sp.org/tlog-proof@v1</c>, an optional <c>extra</c> line, <c>index N</c>
/// (0-based), the inclusion proof's hashes one per line, a blank line, then the checkpoint.
/// </summary>
public sealed record TlogProof(ulong Index, IReadOnlyList<byte[]> Proof, SignedNote Checkpoint, byte[]? Extra = null)
{
    private const string Header = "c2sp.org/tlog-proof@v1";

    public override string ToString()
    {
        var text = new StringBuilder(Header).Append('\n');
        if (Extra is not null)
        {
            text.Append("extra ").Append(Convert.ToBase64String(Extra)).Append('\n');
        }
        text.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof)
        {
            text.Append(Convert.ToBase64String(hash)).Append('\n');
        }
        return text.Append('\n').Append(Checkpoint.ToString()).ToString();
    }

    /// <exception cref="FormatException">It is not a tlog-proof; the message names the line.</exception>
    public static TlogProof Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            throw new FormatException("A tlog-proof has its proof lines, a blank line, then the checkpoint.");
        }
        var lines = text[..blank].Split('\n');
        if (lines[0] != Header)
        {
            throw new FormatException($"A tlog-proof starts with the line {Header}.");
        }
        var next = 1;
        byte[]? extra = null;
        if (lines.Length > next && lines[next].StartsWith("extra ", StringComparison.Ordinal))
        {
            extra = Base64(lines[next][6..], "the extra line");
            next++;
        }
        if (lines.Length <= next || !lines[next].StartsWith("index ", StringComparison.Ordinal) || lines[next].Length == 6
            || (lines[next].Length > 7 && lines[next][6] == '0') || !ulong.TryParse(lines[next][6..], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException("A tlog-proof names the entry with 'index N', N a 0-based decimal.");
        }
        var proof = new List<byte[]>();
        foreach (var line in lines.Skip(next + 1))
        {
            var hash = Base64(line, $"proof line {proof.Count + 1}");
            proof.Add(hash.Length == 32 ? hash : throw new FormatException($"Proof line {proof.Count + 1} is not a 32-byte hash."));
        }
        return new TlogProof(index, proof, SignedNote.Parse(text[(blank + 2)..]), extra);
    }

    private static byte[] Base64(string text, string what)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{char.ToUpperInvariant(what[0])}{what[1..]} is not base64.");
        }
    }
}
