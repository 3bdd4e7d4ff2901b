using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Custody.Transparency;

/// <summary>The signature algorithms of C2SP signed-note that Custody uses, by their identifier byte.</summary>
public enum NoteAlgorithm : byte
{
    /// <summary>A plain Ed25519 signature over the note text (the log's own signature).</summary>
    Ed25519 = 0x01,

    /// <summary>C2SP tlog-cosignature v1: Ed25519 over a timestamped statement about a checkpoint (a witness's).</summary>
    CosignatureV1 = 0x04,
}

/// <summary>
/// A public key as C2SP signed-note names it: <c>name+hexkeyid+base64(algorithm ‖ key)</c>. The
/// key id is the first four bytes of SHA-256(name ‖ "\n" ‖ algorithm ‖ key), so a signature line
/// names the key it needs.
/// </summary>
public sealed class NoteVerifier
{
    private readonly Ed25519PublicKeyParameters _key;

    private NoteVerifier(string name, NoteAlgorithm algorithm, byte[] publicKey)
    {
        Name = name;
        Algorithm = algorithm;
        PublicKey = publicKey;
        KeyId = NoteKeys.KeyId(name, algorithm, publicKey);
        _key = new Ed25519PublicKeyParameters(publicKey);
    }

    public string Name { get; }

    public NoteAlgorithm Algorithm { get; }

    public byte[] PublicKey { get; }

    public uint KeyId { get; }

    public static NoteVerifier Create(string name, NoteAlgorithm algorithm, byte[] publicKey)
    {
        NoteKeys.CheckName(name);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.Length != 32)
        {
            throw new FormatException("An Ed25519 public key is 32 bytes.");
        }
        try
        {
            return new NoteVerifier(name, algorithm, publicKey);
        }
        catch (ArgumentException ex)
        {
            // BouncyCastle refuses 32 bytes that are not a point of the curve.
            throw new FormatException("The public key is not a valid Ed25519 key.", ex);
        }
    }

    /// <summary>Reads a verifier key text (<c>name+hexkeyid+base64</c>).</summary>
    /// <exception cref="FormatException">The text is not a well-formed Ed25519 or cosignature/v1 key, or its key id does not match.</exception>
    public static NoteVerifier Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Names hold no '+', but the base64 key may: only the first two '+' separate.
        var parts = text.Trim().Split('+', 3);
        if (parts.Length != 3 || parts[1].Length != 8)
        {
            throw new FormatException("A verifier key reads name+keyid+key, the key id in 8 hex digits.");
        }
        var key = NoteKeys.FromBase64(parts[2], "verifier key");
        if (key.Length != 33 || key[0] is not ((byte)NoteAlgorithm.Ed25519 or (byte)NoteAlgorithm.CosignatureV1))
        {
            throw new FormatException("Only Ed25519 (0x01) and cosignature/v1 (0x04) keys of 32 bytes are supported.");
        }
        var verifier = Create(parts[0], (NoteAlgorithm)key[0], key[1..]);
        if (!uint.TryParse(parts[1], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var id) || id != verifier.KeyId)
        {
            throw new FormatException("The verifier key's id does not match its name and key.");
        }
        return verifier;
    }

    /// <summary>The key's text form, as published.</summary>
    public override string ToString() =>
        $"{Name}+{KeyId:x8}+{Convert.ToBase64String([(byte)Algorithm, .. PublicKey])}";

    /// <summary>Checks an Ed25519 signature over the message.</summary>
    public bool VerifyRaw(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }
        var verifier = new Ed25519Signer();
        verifier.Init(false, _key);
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature.ToArray());
    }
}

/// <summary>
/// A private key that signs notes. Its text form is the one of Go's sumdb/note and the C2SP
/// tooling: <c>PRIVATE+KEY+name+hexkeyid+base64(algorithm ‖ 32-byte seed)</c>. It is kept encrypted
/// at rest by whoever holds it (see <c>SigningKeyStore</c>) and never leaves the process.
/// </summary>
public sealed class NoteSigner
{
    private const string Prefix = "PRIVATE+KEY+";
    private readonly Ed25519PrivateKeyParameters _key;
    private readonly byte[] _seed;

    private NoteSigner(string name, NoteAlgorithm algorithm, byte[] seed)
    {
        NoteKeys.CheckName(name);
        _seed = seed;
        _key = new Ed25519PrivateKeyParameters(seed);
        Verifier = NoteVerifier.Create(name, algorithm, _key.GeneratePublicKey().GetEncoded());
    }

    public NoteVerifier Verifier { get; }

    public string Name => Verifier.Name;

    public uint KeyId => Verifier.KeyId;

    public NoteAlgorithm Algorithm => Verifier.Algorithm;

    /// <summary>A new key from the system's random number generator.</summary>
    public static NoteSigner Generate(string name, NoteAlgorithm algorithm) => new(name, algorithm, RandomNumberGenerator.GetBytes(32));

    public static NoteSigner FromSeed(string name, NoteAlgorithm algorithm, byte[] seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return seed.Length == 32 ? new NoteSigner(name, algorithm, seed.ToArray()) : throw new FormatException("An Ed25519 seed is 32 bytes.");
    }

    /// <summary>Reads an Ed25519 private key in PKCS#8 PEM (as <c>openssl genpkey -algorithm ed25519</c> writes it).</summary>
    /// <exception cref="FormatException">It is not an Ed25519 PKCS#8 key.</exception>
    public static NoteSigner FromPkcs8Pem(string name, string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        try
        {
            using var reader = new StringReader(pem);
            var key = new Org.BouncyCastle.OpenSsl.PemReader(reader).ReadObject();
            return key is Ed25519PrivateKeyParameters ed25519
                ? new NoteSigner(name, NoteAlgorithm.Ed25519, ed25519.GetEncoded())
                : throw new FormatException("The PEM file does not hold an Ed25519 private key.");
        }
        catch (IOException ex)
        {
            throw new FormatException($"The PEM file cannot be read: {ex.Message}");
        }
    }

    /// <summary>Reads a private key text.</summary>
    /// <exception cref="FormatException">The text is not a well-formed private key, or its key id does not match.</exception>
    public static NoteSigner Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("A private key text starts with PRIVATE+KEY+.");
        }
        // Names hold no '+', but the base64 seed may: only the first two '+' separate.
        var parts = text[Prefix.Length..].Split('+', 3);
        if (parts.Length != 3)
        {
            throw new FormatException("A private key reads PRIVATE+KEY+name+keyid+key.");
        }
        var key = NoteKeys.FromBase64(parts[2], "private key");
        if (key.Length != 33 || key[0] is not ((byte)NoteAlgorithm.Ed25519 or (byte)NoteAlgorithm.CosignatureV1))
        {
            throw new FormatException("Only Ed25519 (0x01) and cosignature/v1 (0x04) keys of 32 bytes are supported.");
        }
        var signer = new NoteSigner(parts[0], (NoteAlgorithm)key[0], key[1..]);
        if (!string.Equals(parts[1], signer.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("The private key's id does not match its name and key.");
        }
        return signer;
    }

    public override string ToString() =>
        $"{Prefix}{Name}+{KeyId:x8}+{Convert.ToBase64String([(byte)Algorithm, .. _seed])}";

    /// <summary>An Ed25519 signature over the message (deterministic, RFC 8032).</summary>
    public byte[] SignRaw(ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }
}

internal static class NoteKeys
{
    public static uint KeyId(string name, NoteAlgorithm algorithm, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = (byte)'\n';
        input[nameBytes.Length + 1] = (byte)algorithm;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        var hash = SHA256.HashData(input);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    /// <summary>A key name is non-empty and holds no space, no '+' and no control or whitespace character.</summary>
    public static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Any(c => c == '+' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new FormatException($"'{name}' is not a valid key name: it must be non-empty, without spaces or '+'.");
        }
    }

    public static byte[] FromBase64(string text, string what)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"The {what} is not valid base64.");
        }
    }
}
