using Custody.Ledger;
using Custody.Transparency;
using static Custody.Core.Tests.Transparency.C2spVectors;

namespace Custody.Core.Tests.Transparency;

/// <summary>C2SP tlog-checkpoint bodies, and the log's signature on them (derived vectors of the notes, §2).</summary>
public sealed class CheckpointTests
{
    private static NoteSigner LogKey => NoteSigner.Parse(LogSkey);

    [Fact]
    public void LogKey_IsThePeterNeumannSeedUnderTheOriginsName()
    {
        Assert.Equal(LogVkey, LogKey.Verifier.ToString());
        Assert.Equal(LogKey.ToString(), NoteSigner.FromSeed(Origin, NoteAlgorithm.Ed25519, PeterSeed).ToString());
    }

    [Theory]
    [InlineData(SpecCheckpointText, SpecCheckpointLine)]
    [InlineData(Checkpoint6Text, Checkpoint6Line)]
    [InlineData(Checkpoint8Text, Checkpoint8Line)]
    public void SignedCheckpoints_ReproduceTheDerivedVectors(string text, string line)
    {
        var checkpoint = Checkpoint.Parse(text);
        Assert.Equal(text, checkpoint.ToText());
        var note = SignedNote.Sign(checkpoint.ToText(), LogKey);
        Assert.Equal(text + "\n" + line + "\n", note.ToString());
        Assert.True(SignedNote.Parse(note.ToString()).IsSignedBy(NoteVerifier.Parse(LogVkey)));
    }

    [Fact]
    public void Checkpoints_OfTheReferenceTree_CarryItsRoots()
    {
        var leaves = LeafHashes(8);
        Assert.Equal(Checkpoint6Text, new Checkpoint(Origin, 6, MerkleTree.RootOf(leaves.Take(6).ToList())).ToText());
        Assert.Equal(Checkpoint8Text, new Checkpoint(Origin, 8, MerkleTree.RootOf(leaves)).ToText());
    }

    [Fact]
    public void Parse_ReadsTheFields()
    {
        var checkpoint = Checkpoint.Parse(SpecCheckpointText);
        Assert.Equal(Origin, checkpoint.Origin);
        Assert.Equal(20852163UL, checkpoint.Size);
        Assert.Equal("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", Convert.ToBase64String(checkpoint.RootHash));
        Assert.Empty(checkpoint.Extensions);
    }

    [Fact]
    public void Parse_AcceptsTheEmptyTree()
    {
        var text = "example.com/empty\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n";
        var checkpoint = Checkpoint.Parse(text);
        Assert.Equal(0UL, checkpoint.Size);
        Assert.Equal(MerkleTree.EmptyRoot(), checkpoint.RootHash);
        Assert.Equal(text, checkpoint.ToText());
    }

    [Fact]
    public void Parse_KeepsExtensionLines()
    {
        var text = SpecCheckpointText + "ext one\next two\n";
        var checkpoint = Checkpoint.Parse(text);
        Assert.Equal(["ext one", "ext two"], checkpoint.Extensions);
        Assert.Equal(text, checkpoint.ToText());
    }

    private const string Root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    [Theory]
    [InlineData("leading zero", "o\n020852163\n" + Root + "\n")]
    [InlineData("zero with a leading zero", "o\n00\n" + Root + "\n")]
    [InlineData("sign", "o\n+5\n" + Root + "\n")]
    [InlineData("space", "o\n 5\n" + Root + "\n")]
    [InlineData("empty size", "o\n\n" + Root + "\n")]
    [InlineData("size past 2^64", "o\n18446744073709551616\n" + Root + "\n")]
    [InlineData("31-byte root", "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n")]
    [InlineData("33-byte root", "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2IA\n")]
    [InlineData("root not base64", "o\n5\nnot base64!\n")]
    [InlineData("URL-safe root", "o\n5\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n")]
    [InlineData("empty origin", "\n5\n" + Root + "\n")]
    [InlineData("empty extension line", "o\n5\n" + Root + "\n\n")]
    [InlineData("empty extension between others", "o\n5\n" + Root + "\nx\n\ny\n")]
    [InlineData("two lines", "o\n5\n")]
    [InlineData("no final newline", "o\n5\n" + Root)]
    public void Parse_RejectsMalformedBodies(string why, string text)
    {
        var ex = Record.Exception(() => Checkpoint.Parse(text));
        Assert.True(ex is FormatException, $"{why}: {ex?.GetType().Name ?? "accepted"}");
    }
}

/// <summary>C2SP tlog-cosignature v1 (derived vectors of the notes, §3).</summary>
public sealed class CosignatureTests
{
    private static NoteSigner Witness => NoteSigner.FromSeed(WitnessName, NoteAlgorithm.CosignatureV1, PeterSeed);

    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    [Fact]
    public void WitnessKey_HasTheCosignatureKeyId()
    {
        // The same Ed25519 key has another key id as a cosigner: type byte 0x04 is hashed in.
        Assert.Equal(WitnessKeyId, Witness.KeyId);
        Assert.Equal(WitnessVkey, Witness.Verifier.ToString());
        Assert.Equal(NoteAlgorithm.CosignatureV1, NoteVerifier.Parse(WitnessVkey).Algorithm);
        Assert.NotEqual(WitnessKeyId, NoteSigner.FromSeed(WitnessName, NoteAlgorithm.Ed25519, PeterSeed).KeyId);
    }

    [Fact]
    public void SignedMessage_IsTheHeaderTheTimeAndTheCheckpoint()
    {
        // The raw Ed25519 signature over the message of the spec: Cosignature.Sign must sign exactly these bytes.
        Assert.Equal(SpecCosignRawSignatureHex, Convert.ToHexStringLower(Witness.SignRaw(System.Text.Encoding.UTF8.GetBytes(SpecCosignMessage))));
        var line = Cosignature.Sign(Witness, SpecCheckpointText, At(SpecCosignTime));
        Assert.Equal(SpecCosignRawSignatureHex, Convert.ToHexStringLower(line.Signature[8..]));
    }

    [Theory]
    [InlineData(SpecCheckpointText, SpecCosignTime, SpecCosignLine)]
    [InlineData(Checkpoint6Text, WitnessTime, Cosign6Line)]
    [InlineData(Checkpoint8Text, WitnessTime, Cosign8Line)]
    public void Sign_ReproducesTheDerivedLine_AndVerifyReturnsItsTime(string checkpoint, long seconds, string line)
    {
        var signature = Cosignature.Sign(Witness, checkpoint, At(seconds));
        Assert.Equal(line, signature.ToLine());
        Assert.Equal(76, Convert.FromBase64String(line.Split(' ')[2]).Length);

        var parsed = SignedNote.ParseLine(line);
        Assert.Equal(At(seconds), Cosignature.Verify(NoteVerifier.Parse(WitnessVkey), checkpoint, parsed));
    }

    [Fact]
    public void Verify_FailsOnAnyChangedByte()
    {
        var verifier = NoteVerifier.Parse(WitnessVkey);
        var signature = SignedNote.ParseLine(SpecCosignLine);
        for (var i = 0; i < signature.Signature.Length; i++)
        {
            var bytes = signature.Signature.ToArray();
            bytes[i] ^= 0x01;
            Assert.Null(Cosignature.Verify(verifier, SpecCheckpointText, signature with { Signature = bytes }));
        }
        Assert.Null(Cosignature.Verify(verifier, SpecCheckpointText.Replace("20852163", "20852164", StringComparison.Ordinal), signature));
    }

    [Fact]
    public void Verify_RejectsOtherKeysNamesAndLengths()
    {
        var signature = SignedNote.ParseLine(SpecCosignLine);
        // The plain Ed25519 form of the same key is not a cosigner.
        Assert.Null(Cosignature.Verify(NoteSigner.FromSeed(WitnessName, NoteAlgorithm.Ed25519, PeterSeed).Verifier, SpecCheckpointText, signature));
        Assert.Null(Cosignature.Verify(NoteVerifier.Parse(WitnessVkey), SpecCheckpointText, signature with { Name = "witness.example.com/w2" }));
        Assert.Null(Cosignature.Verify(NoteVerifier.Parse(WitnessVkey), SpecCheckpointText, signature with { Signature = signature.Signature[..71] }));
        Assert.Null(Cosignature.Verify(NoteVerifier.Parse(WitnessVkey), SpecCheckpointText, signature with { Signature = [.. signature.Signature, 0] }));
    }

    [Fact]
    public void Verify_ATimestampNoDateCanHold_IsRejectedNotThrown()
    {
        // A cosigner may sign any u64 time below 2^63; past year 9999 no DateTimeOffset holds it.
        const ulong farFuture = 1UL << 40;
        var message = System.Text.Encoding.UTF8.GetBytes($"cosignature/v1\ntime {farFuture}\n{SpecCheckpointText}");
        var payload = new byte[72];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(payload, farFuture);
        Witness.SignRaw(message).CopyTo(payload, 8);
        var signature = new NoteSignature(WitnessName, WitnessKeyId, payload);
        Assert.Null(Cosignature.Verify(NoteVerifier.Parse(WitnessVkey), SpecCheckpointText, signature));
    }

    [Fact]
    public void Sign_NeedsACosignatureKey()
    {
        Assert.Throws<ArgumentException>(() => Cosignature.Sign(NoteSigner.Parse(LogSkey), SpecCheckpointText, At(SpecCosignTime)));
    }

    [Fact]
    public void SpecExample_CosignedCheckpoint_ParsesAndKeepsTheUnknownWitnessLine()
    {
        // No key is published for witness.example.com/w1 of the spec; its line must still parse as 76 bytes.
        var note = SignedNote.Parse(
            SpecCheckpointText + "\n" +
            EmDash + " example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n" +
            EmDash + " witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n");
        var witness = note.Signatures[1];
        Assert.Equal(0x8d66cf3fu, witness.KeyId);
        Assert.Equal(72, witness.Signature.Length);
        Assert.Equal(1679315147UL, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(witness.Signature));
        // Our witness key shares the name but not the key id: its verification ignores this line.
        Assert.Null(Cosignature.Verify(NoteVerifier.Parse(WitnessVkey), SpecCheckpointText, witness));
    }
}
