using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Custody.Transparency;

/// <summary>
/// A C2SP tlog-checkpoint body: the log's origin, its size, and the base64 RFC 9162 root hash,
/// one per line, then optional extension lines. It commits to hashes only.
/// </summary>
public sealed record Checkpoint(string Origin, ulong Size, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    public Checkpoint(string origin, ulong size, byte[] rootHash) : this(origin, size, rootHash, []) { }

    /// <summary>The note text: what the log and the witnesses sign.</summary>
    public string ToText()
    {
        var text = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash)).Append('\n');
        foreach (var extension in Extensions)
        {
            text.Append(extension).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Reads a checkpoint body (the text of a signed note).</summary>
    /// <exception cref="FormatException">It is not a well-formed checkpoint; the message names the line.</exception>
    public static Checkpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.EndsWith('\n'))
        {
            throw new FormatException("A checkpoint ends with a newline.");
        }
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw new FormatException("A checkpoint has an origin line, a size line and a root hash line.");
        }
        if (lines[0].Length == 0)
        {
            throw new FormatException("The checkpoint's origin line (line 1) is empty.");
        }
        if (lines[1].Length == 0 || lines[1].Any(c => c is < '0' or > '9') || (lines[1].Length > 1 && lines[1][0] == '0')
            || !ulong.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException("The checkpoint's size (line 2) is not a decimal number without leading zeros.");
        }
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("The checkpoint's root hash (line 3) is not base64.");
        }
        if (root.Length != 32 || Convert.ToBase64String(root) != lines[2])
        {
            throw new FormatException("The checkpoint's root hash (line 3) is not 32 bytes in standard base64.");
        }
        if (lines.Skip(3).Any(l => l.Length == 0))
        {
            throw new FormatException("A checkpoint's extension lines are not empty.");
        }
        return new Checkpoint(lines[0], size, root, [.. lines.Skip(3)]);
    }
}

/// <summary>
/// C2SP tlog-cosignature v1: a witness's Ed25519 signature over
/// <c>"cosignature/v1\ntime T\n" ‖ checkpoint text</c>, carried as a note signature whose bytes
/// are the key id, the 8-byte big-endian time T (Unix seconds) and the 64-byte signature.
/// </summary>
public static class Cosignature
{
    public static NoteSignature Sign(NoteSigner witness, string checkpointText, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(witness);
        if (witness.Algorithm != NoteAlgorithm.CosignatureV1)
        {
            throw new ArgumentException("A cosignature needs a cosignature/v1 key.", nameof(witness));
        }
        var seconds = (ulong)time.ToUnixTimeSeconds();
        var signature = witness.SignRaw(Message(checkpointText, seconds));
        var payload = new byte[8 + signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(payload, seconds);
        signature.CopyTo(payload, 8);
        return new NoteSignature(witness.Name, witness.KeyId, payload);
    }

    /// <summary>When the witness cosigned, if this signature line is its valid cosignature of the checkpoint; else null.</summary>
    public static DateTimeOffset? Verify(NoteVerifier witness, string checkpointText, NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(signature);
        if (witness.Algorithm != NoteAlgorithm.CosignatureV1 || signature.Name != witness.Name || signature.KeyId != witness.KeyId || signature.Signature.Length != 72)
        {
            return null;
        }
        var seconds = BinaryPrimitives.ReadUInt64BigEndian(signature.Signature);
        // The spec allows any time below 2^63; past year 9999 no DateTimeOffset can hold it.
        if (seconds > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }
        return witness.VerifyRaw(Message(checkpointText, seconds), signature.Signature.AsSpan(8))
            ? DateTimeOffset.FromUnixTimeSeconds((long)seconds)
            : null;
    }

    private static byte[] Message(string checkpointText, ulong seconds) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {seconds.ToString(CultureInfo.InvariantCulture)}\n{checkpointText}");
}
