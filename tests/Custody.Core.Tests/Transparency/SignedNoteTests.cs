using System.Text;
using Custody.Transparency;
using static Custody.Core.Tests.Transparency.C2spVectors;

namespace Custody.Core.Tests.Transparency;

/// <summary>C2SP signed-note keys and notes, against golang.org/x/mod/sumdb/note's test vectors.</summary>
public sealed class SignedNoteTests
{
    private static NoteSigner Peter => NoteSigner.Parse(PeterSkey);

    // ---- keys ----

    [Fact]
    public void PeterNeumann_PrivateKey_GivesThePublishedVerifierKey()
    {
        var signer = Peter;
        Assert.Equal(PeterVkey, signer.Verifier.ToString());
        Assert.Equal(0xc74f20a3u, signer.KeyId);
        Assert.Equal(PeterPublicHex, Convert.ToHexStringLower(signer.Verifier.PublicKey));
        Assert.Equal(NoteAlgorithm.Ed25519, signer.Algorithm);
        // The skey's base64 contains a '+': the text splits at the first two '+' after the prefix only.
        Assert.Equal(PeterSkey, signer.ToString());
    }

    [Fact]
    public void PrivateKey_FromSeed_EqualsTheParsedOne()
    {
        var signer = NoteSigner.FromSeed("PeterNeumann", NoteAlgorithm.Ed25519, PeterSeed);
        Assert.Equal(PeterSkey, signer.ToString());
        Assert.Equal(PeterVkey, signer.Verifier.ToString());
    }

    [Theory]
    [InlineData(PeterVkey)]
    [InlineData(EnochVkey)]
    [InlineData(SpecExampleVkey)]
    [InlineData(LogVkey)]
    [InlineData(WitnessVkey)]
    [InlineData("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2")]
    // A '+' inside the base64 key must not be taken for a separator.
    [InlineData("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6")]
    public void VerifierKey_RoundTrips(string vkey)
    {
        Assert.Equal(vkey, NoteVerifier.Parse(vkey).ToString());
    }

    [Theory]
    // Wrong key length (hash adjusted to match), and unknown algorithm 0x65 (hash adjusted).
    [InlineData("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")]
    [InlineData("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("")]
    [InlineData("PeterNeumann")]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+C74F20A3X+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    public void BadVerifierKeys_AreRejected(string vkey)
    {
        Assert.Throws<FormatException>(() => NoteVerifier.Parse(vkey));
    }

    [Fact]
    public void EveryProperSubstringOfTheVerifierKey_IsRejected()
    {
        foreach (var bad in ProperSubstrings(PeterVkey))
        {
            AssertRejected(() => NoteVerifier.Parse(bad), bad);
        }
    }

    [Fact]
    public void EveryOneByteManglingOfTheVerifierKey_IsRejected()
    {
        foreach (var bad in Manglings(PeterVkey))
        {
            AssertRejected(() => NoteVerifier.Parse(bad), bad);
        }
    }

    [Fact]
    public void EveryProperSubstringOfThePrivateKey_IsRejected()
    {
        foreach (var bad in ProperSubstrings(PeterSkey))
        {
            AssertRejected(() => NoteSigner.Parse(bad), bad);
        }
    }

    [Fact]
    public void EveryOneByteManglingOfThePrivateKey_IsRejected()
    {
        foreach (var bad in Manglings(PeterSkey))
        {
            AssertRejected(() => NoteSigner.Parse(bad), bad);
        }
    }

    // Parse trims the text it is given (a key pasted from a file keeps its newline), so a
    // substring that only loses surrounding whitespace would not count; the keys have none.
    private static IEnumerable<string> ProperSubstrings(string key) =>
        from start in Enumerable.Range(0, key.Length)
        from end in Enumerable.Range(start, key.Length - start + 1)
        where end - start < key.Length
        select key[start..end];

    /// <summary>x/mod's <c>b[i]++</c> on each byte of the (ASCII) key text.</summary>
    private static IEnumerable<string> Manglings(string key) =>
        Enumerable.Range(0, key.Length).Select(i => key[..i] + (char)(key[i] + 1) + key[(i + 1)..]);

    private static void AssertRejected(Action parse, string text)
    {
        var ex = Record.Exception(parse);
        Assert.True(ex is FormatException, $"'{text}' gave {ex?.GetType().Name ?? "no exception"}");
    }

    // ---- notes ----

    [Fact]
    public void Sign_PeterNeumann_IsByteForByteTheGoNote()
    {
        Assert.Equal(PeterNote, SignedNote.Sign(PeterText, Peter).ToString());
    }

    [Fact]
    public void Parse_PeterNeumann_RoundTripsAndVerifies()
    {
        var note = SignedNote.Parse(PeterNote);
        Assert.Equal(PeterText, note.Text);
        var signature = Assert.Single(note.Signatures);
        Assert.Equal(("PeterNeumann", 0xc74f20a3u), (signature.Name, signature.KeyId));
        Assert.Equal(64, signature.Signature.Length);
        Assert.Equal(PeterNote, note.ToString());
        Assert.True(note.IsSignedBy(NoteVerifier.Parse(PeterVkey)));
    }

    [Fact]
    public void DoublySigned_TheUnknownSignatureIsKeptAndIgnored()
    {
        var note = SignedNote.Parse(DoublySignedNote);
        Assert.Equal(["PeterNeumann", "EnochRoot"], note.Signatures.Select(s => s.Name));
        Assert.Equal(DoublySignedNote, note.ToString());
        Assert.True(note.IsSignedBy(NoteVerifier.Parse(PeterVkey)));
        Assert.True(note.IsSignedBy(NoteVerifier.Parse(EnochVkey)));
        // Enoch's line corrupted: a reader who knows only Peter does not care.
        var corrupted = DoublySignedNote.Replace("rwz+eBzm", "rwz+eBzn", StringComparison.Ordinal);
        var parsed = SignedNote.Parse(corrupted);
        Assert.True(parsed.IsSignedBy(NoteVerifier.Parse(PeterVkey)));
        Assert.False(parsed.IsSignedBy(NoteVerifier.Parse(EnochVkey)));
    }

    [Fact]
    public void SpecExample_VerifiesWithItsKey()
    {
        var note = SignedNote.Parse(SpecExampleNote);
        Assert.Equal("This is an example message.\n", note.Text);
        Assert.True(note.IsSignedBy(NoteVerifier.Parse(SpecExampleVkey)));
        Assert.False(note.IsSignedBy(NoteVerifier.Parse(PeterVkey)));
    }

    [Fact]
    public void IsSignedBy_FailsWhenTheMatchingSignatureIsCorrupted()
    {
        var note = SignedNote.Parse(PeterNote);
        var bytes = note.Signatures[0].Signature.ToArray();
        bytes[10] ^= 1;
        var corrupted = note with { Signatures = [note.Signatures[0] with { Signature = bytes }] };
        Assert.False(corrupted.IsSignedBy(NoteVerifier.Parse(PeterVkey)));
        // Re-parsed from text it is the same: well-formed, but not signed by Peter.
        Assert.False(SignedNote.Parse(corrupted.ToString()).IsSignedBy(NoteVerifier.Parse(PeterVkey)));
    }

    [Fact]
    public void IsSignedBy_FailsWhenAnyLineOfTheKeyFails_EvenIfAnotherVerifies()
    {
        var note = SignedNote.Parse(PeterNote);
        var bad = note.Signatures[0] with { Signature = new byte[64] };
        Assert.False(note.With(bad).IsSignedBy(NoteVerifier.Parse(PeterVkey)));
    }

    [Fact]
    public void IsSignedBy_IgnoresLinesThatShareOnlyTheNameOrOnlyTheKeyId()
    {
        var note = SignedNote.Parse(PeterNote);
        var sameName = new NoteSignature("PeterNeumann", 0x12345678, new byte[64]);
        var sameId = new NoteSignature("PaulNeumann", 0xc74f20a3, new byte[64]);
        Assert.True(note.With(sameName).With(sameId).IsSignedBy(NoteVerifier.Parse(PeterVkey)));
        // And those alone do not make a signature.
        Assert.False((note with { Signatures = [sameName, sameId] }).IsSignedBy(NoteVerifier.Parse(PeterVkey)));
    }

    [Fact]
    public void IsSignedBy_ACosignatureKey_IsNeverAPlainSignature()
    {
        var witness = NoteSigner.FromSeed("PeterNeumann", NoteAlgorithm.CosignatureV1, PeterSeed);
        Assert.False(SignedNote.Parse(PeterNote).IsSignedBy(witness.Verifier));
    }

    public static TheoryData<string, string> MalformedNotes => new()
    {
        { "text alone", PeterText },
        { "text and a blank line", PeterText + "\n" },
        { "last line without newline", PeterText + "\n" + PeterLine },
        { "leading control character", "\x01" + PeterNote },
        { "carriage return", PeterNote.Replace("problem,\n", "problem,\r\n", StringComparison.Ordinal) },
        { "name with a space", PeterText + "\n" + EmDash + " Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n" },
        { "unexpected line after the signatures", PeterNote + "Unexpected line.\n" },
        { "hyphen instead of em dash", PeterText + "\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n" },
        { "signature not base64", PeterText + "\n" + EmDash + " PeterNeumann not*base64\n" },
        { "signature too short", PeterText + "\n" + EmDash + " PeterNeumann AAAA\n" },
        { "empty signature", PeterText + "\n" + EmDash + " PeterNeumann \n" },
        { "name with a plus", PeterText + "\n" + EmDash + " Peter+Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n" },
        { "no signature lines", PeterText + "\n\n" },
    };

    [Theory]
    [MemberData(nameof(MalformedNotes))]
    public void MalformedNotes_AreRejected(string why, string note)
    {
        var ex = Record.Exception(() => SignedNote.Parse(note));
        Assert.True(ex is FormatException, $"{why}: {ex?.GetType().Name ?? "accepted"}");
    }

    [Fact]
    public void LoneSurrogate_IsRejected()
    {
        // A string's stand-in for invalid UTF-8. Kept out of the theory data above: xunit's
        // serialization of test cases would turn it into U+FFFD, a valid character.
        Assert.Throws<FormatException>(() => SignedNote.Parse("\ud800" + PeterNote));
        Assert.Throws<FormatException>(() => SignedNote.Parse(PeterText + "\udc00\n" + PeterLine + "\n"));
        Assert.Equal(PeterNote.Length + 2, SignedNote.Parse("\ud83d\ude00" + PeterNote).ToString().Length);
    }

    [Fact]
    public void MoreThanAHundredSignatures_AreRejected_AHundredAreNot()
    {
        string Repeated(int count) => PeterText + "\n" + string.Concat(Enumerable.Repeat(PeterLine + "\n", count));
        Assert.True(SignedNote.Parse(Repeated(100)).IsSignedBy(NoteVerifier.Parse(PeterVkey)));
        Assert.Throws<FormatException>(() => SignedNote.Parse(Repeated(101)));
    }

    [Fact]
    public void Text_MayContainEmptyLines_TheLastBlankLineSeparates()
    {
        var text = "first\n\nsecond\n";
        var note = SignedNote.Sign(text, Peter);
        var parsed = SignedNote.Parse(note.ToString());
        Assert.Equal(text, parsed.Text);
        Assert.True(parsed.IsSignedBy(Peter.Verifier));
    }

    [Fact]
    public void Sign_RequiresTextEndingInNewline_AndAPlainKey()
    {
        Assert.Throws<FormatException>(() => SignedNote.Sign("no newline", Peter));
        Assert.Throws<FormatException>(() => SignedNote.Sign("", Peter));
        var witness = NoteSigner.FromSeed(WitnessName, NoteAlgorithm.CosignatureV1, PeterSeed);
        Assert.Throws<ArgumentException>(() => SignedNote.Sign(PeterText, witness));
    }

    [Fact]
    public void SignedMessage_IsTheTextWithItsFinalNewline_NotTheBlankLine()
    {
        var signature = SignedNote.Parse(PeterNote).Signatures[0].Signature;
        var verifier = NoteVerifier.Parse(PeterVkey);
        Assert.True(verifier.VerifyRaw(Encoding.UTF8.GetBytes(PeterText), signature));
        Assert.False(verifier.VerifyRaw(Encoding.UTF8.GetBytes(PeterText + "\n"), signature));
        Assert.False(verifier.VerifyRaw(Encoding.UTF8.GetBytes(PeterText[..^1]), signature));
    }
}
