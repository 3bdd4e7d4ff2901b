using System.Buffers.Binary;
using System.Text;

namespace Custody.Transparency;

/// <summary>One signature line of a note: the signer's name, key id, and what follows the key id.</summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    /// <summary><c>— name base64(keyid ‖ signature)</c>, without the newline.</summary>
    public string ToLine() => $"\u2014 {Name} {Convert.ToBase64String([.. KeyIdBytes(KeyId), .. Signature])}";

    internal static byte[] KeyIdBytes(uint keyId)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, keyId);
        return bytes;
    }
}

/// <summary>
/// A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one line per signature.
/// The text is what is signed, byte for byte; signatures by keys a reader does not know are kept
/// and ignored.
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    private const int MaxSignatures = 100;

    public static SignedNote Sign(string text, params NoteSigner[] signers)
    {
        CheckText(text);
        var message = Encoding.UTF8.GetBytes(text);
        return new SignedNote(text, [.. signers.Select(s => s.Algorithm == NoteAlgorithm.Ed25519
            ? new NoteSignature(s.Name, s.KeyId, s.SignRaw(message))
            : throw new ArgumentException("A cosignature key signs through Cosignature.Sign.", nameof(signers)))]);
    }

    /// <summary>The note with one more signature line (a witness's cosignature).</summary>
    public SignedNote With(NoteSignature signature) => this with { Signatures = [.. Signatures, signature] };

    public override string ToString()
    {
        var text = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            text.Append(signature.ToLine()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Reads a signed note.</summary>
    /// <exception cref="FormatException">It is not a well-formed signed note; the message says what is wrong.</exception>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        CheckCharacters(note);
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new FormatException("A signed note is text, a blank line, then signature lines.");
        }
        var text = note[..(split + 1)];
        CheckText(text);
        var lines = note[(split + 2)..];
        if (!lines.EndsWith('\n'))
        {
            throw new FormatException("A signed note ends with a newline.");
        }
        var signatures = new List<NoteSignature>();
        foreach (var line in lines[..^1].Split('\n'))
        {
            signatures.Add(ParseLine(line));
            if (signatures.Count > MaxSignatures)
            {
                throw new FormatException($"A note carries at most {MaxSignatures} signatures.");
            }
        }
        return new SignedNote(text, signatures);
    }

    /// <summary>Reads one line <c>— name base64</c>.</summary>
    /// <exception cref="FormatException">The line is malformed.</exception>
    public static NoteSignature ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith("\u2014 ", StringComparison.Ordinal))
        {
            throw new FormatException("A signature line starts with an em dash and a space.");
        }
        var parts = line[2..].Split(' ');
        if (parts.Length != 2)
        {
            throw new FormatException("A signature line reads '— name signature'.");
        }
        NoteKeys.CheckName(parts[0]);
        var bytes = NoteKeys.FromBase64(parts[1], "signature");
        if (bytes.Length < 5)
        {
            throw new FormatException("A signature holds a four-byte key id and the signature itself.");
        }
        return new NoteSignature(parts[0], BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]);
    }

    /// <summary>
    /// Whether the given Ed25519 key signed this note's text: at least one line names the key, and
    /// every line that names it (name and key id) verifies. Lines of other keys are ignored.
    /// </summary>
    public bool IsSignedBy(NoteVerifier key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Algorithm != NoteAlgorithm.Ed25519)
        {
            return false;
        }
        var message = Encoding.UTF8.GetBytes(Text);
        var lines = Signatures.Where(s => s.Name == key.Name && s.KeyId == key.KeyId).ToList();
        return lines.Count > 0 && lines.All(s => key.VerifyRaw(message, s.Signature));
    }

    private static void CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || !text.EndsWith('\n'))
        {
            throw new FormatException("A note's text ends with a newline.");
        }
        CheckCharacters(text);
    }

    // Valid UTF-8 is guaranteed by the string; no control character but newline, anywhere in the note.
    private static void CheckCharacters(string note)
    {
        if (note.Any(c => c < ' ' && c != '\n') || note.Any(char.IsSurrogate) && !IsWellFormed(note))
        {
            throw new FormatException("A signed note holds no control character other than newline.");
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
