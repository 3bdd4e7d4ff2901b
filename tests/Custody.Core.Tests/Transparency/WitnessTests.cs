using Custody.Ledger;
using Custody.Transparency;
using Microsoft.Extensions.Time.Testing;
using static Custody.Core.Tests.Transparency.C2spVectors;

namespace Custody.Core.Tests.Transparency;

/// <summary>
/// The tlog-witness add-checkpoint logic, driven with the derived vectors: the log key and the
/// witness key are both the PeterNeumann seed, so each 200 answer can be compared byte for byte.
/// </summary>
public sealed class WitnessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "custody-witness-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(WitnessTime));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static NoteSigner WitnessKey => NoteSigner.FromSeed(WitnessName, NoteAlgorithm.CosignatureV1, PeterSeed);

    private static NoteSigner LogKey => NoteSigner.Parse(LogSkey);

    /// <summary>A witness over the store in this test's directory, trusting the §2 log key.</summary>
    private Witness NewWitness(params NoteVerifier[] logs) =>
        new(WitnessKey, logs.Length == 0 ? [NoteVerifier.Parse(LogVkey)] : logs, new WitnessStore(_directory), _time);

    private static string Request(ulong old, IEnumerable<byte[]> proof, string note) =>
        new AddCheckpointRequest(old, [.. proof], SignedNote.Parse(note)).ToString();

    /// <summary>The witness at size 6 of the reference tree, as the §4 request needs it.</summary>
    private Witness AtSizeSix()
    {
        var witness = NewWitness();
        var answer = witness.AddCheckpoint(Request(0, [], Checkpoint6Note));
        Assert.Equal(200, answer.Status);
        Assert.Equal(Cosign6Line + "\n", answer.Body());
        return witness;
    }

    private static List<byte[]> Proof6To8() => Hashes(ConsistencyVectors[2].Proof);

    [Fact]
    public void DerivedRequest_ExtendingSizeSixToEight_IsCosigned()
    {
        var witness = AtSizeSix();
        var answer = witness.AddCheckpoint(Request6To8);
        Assert.Equal(200, answer.Status);
        Assert.Equal(Cosign8Line + "\n", answer.Body());
        Assert.Equal("text/plain; charset=utf-8", answer.MediaType);

        // A client appends the answer to the checkpoint and verifies it as one note.
        var cosigned = SignedNote.Parse(Checkpoint8Note + answer.Body());
        Assert.True(cosigned.IsSignedBy(NoteVerifier.Parse(LogVkey)));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(WitnessTime), Cosignature.Verify(NoteVerifier.Parse(WitnessVkey), cosigned.Text, cosigned.Signatures[1]));
    }

    [Fact]
    public void StaleOldSize_Is409_WithTheLatestSize()
    {
        var witness = AtSizeSix();
        Assert.Equal(200, witness.AddCheckpoint(Request6To8).Status);
        var answer = witness.AddCheckpoint(Request6To8);
        Assert.Equal(409, answer.Status);
        Assert.Equal("8\n", answer.Body());
        Assert.Equal("text/x.tlog.size", answer.MediaType);
        Assert.Equal(8UL, answer.LatestSize);
        Assert.Empty(answer.Cosignatures);
    }

    [Fact]
    public void OldZero_ToAWitnessThatHasCosigned_Is409()
    {
        // The way a client learns the witness's size.
        var witness = AtSizeSix();
        var answer = witness.AddCheckpoint(Request(0, [], Checkpoint8Note));
        Assert.Equal((409, "6\n"), (answer.Status, answer.Body()));
    }

    [Fact]
    public void OldSizeAboveZero_ToAFreshWitness_Is409WithZero()
    {
        var answer = NewWitness().AddCheckpoint(Request6To8);
        Assert.Equal((409, "0\n"), (answer.Status, answer.Body()));
    }

    [Fact]
    public void UnknownOrigin_Is404()
    {
        var other = NoteSigner.FromSeed("example.com/other-log", NoteAlgorithm.Ed25519, PeterSeed);
        var note = SignedNote.Sign("example.com/other-log\n6\nduZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\n", other).ToString();
        Assert.Equal(404, NewWitness().AddCheckpoint(Request(0, [], note)).Status);
    }

    [Fact]
    public void BadSignature_Is403()
    {
        var corrupted = Checkpoint8Note.Replace("vtVYG1es", "vtVYG1et", StringComparison.Ordinal);
        Assert.NotEqual(Checkpoint8Note, corrupted);
        var witness = AtSizeSix();
        Assert.Equal(403, witness.AddCheckpoint(Request(6, Proof6To8(), corrupted)).Status);
    }

    [Fact]
    public void SignedOnlyByAnUnknownKeyWithTheOriginsName_Is403()
    {
        // Same name, another key (so another key id): it must be ignored, which leaves no signature.
        var impostor = NoteSigner.FromSeed(Origin, NoteAlgorithm.Ed25519, new byte[32]);
        var note = SignedNote.Sign(Checkpoint8Text, impostor).ToString();
        Assert.Equal(403, AtSizeSix().AddCheckpoint(Request(6, Proof6To8(), note)).Status);
    }

    [Fact]
    public void SeveralTrustedKeysForTheOrigin_AnyOneMaySign()
    {
        // tlog-witness: "the public key(s) it trusts for the checkpoint origin" (a key rotation).
        var retired = NoteSigner.FromSeed(Origin, NoteAlgorithm.Ed25519, new byte[32]);
        var witness = NewWitness(retired.Verifier, NoteVerifier.Parse(LogVkey));
        Assert.Equal(200, witness.AddCheckpoint(Request(0, [], Checkpoint6Note)).Status);
        var both = SignedNote.Sign(Checkpoint8Text, retired, LogKey).ToString();
        Assert.Equal(200, witness.AddCheckpoint(Request(6, Proof6To8(), both)).Status);
    }

    [Fact]
    public void SeveralTrustedKeys_ABadLineOfAnyOfThem_Is403()
    {
        var retired = NoteSigner.FromSeed(Origin, NoteAlgorithm.Ed25519, new byte[32]);
        var witness = NewWitness(retired.Verifier, NoteVerifier.Parse(LogVkey));
        var note = SignedNote.Parse(Checkpoint6Note).With(new NoteSignature(Origin, retired.KeyId, new byte[64]));
        Assert.Equal(403, witness.AddCheckpoint(new AddCheckpointRequest(0, [], note).ToString()).Status);
    }

    [Fact]
    public void UnknownExtraSignatures_AreIgnored()
    {
        var stranger = NoteSigner.FromSeed("someone.else", NoteAlgorithm.Ed25519, new byte[32]);
        var note = SignedNote.Parse(Checkpoint8Note);
        var extra = note.With(SignedNote.Sign(Checkpoint8Text, stranger).Signatures[0]);
        var answer = AtSizeSix().AddCheckpoint(new AddCheckpointRequest(6, Proof6To8(), extra).ToString());
        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public void OldSizeAboveTheCheckpointSize_Is400()
    {
        var witness = AtSizeSix();
        Assert.Equal(400, witness.AddCheckpoint(Request(9, [], Checkpoint8Note)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("old 6\n")]
    [InlineData("old x\n\n" + Checkpoint8Note)]
    [InlineData("old 06\n\n" + Checkpoint8Note)]
    [InlineData("new 6\n\n" + Checkpoint8Note)]
    [InlineData("old 6\nnot base64\n\n" + Checkpoint8Note)]
    [InlineData("old 6\nAAAA\n\n" + Checkpoint8Note)]
    [InlineData("old 6\n\nexample.com/behind-the-sofa\n8\n")]
    public void MalformedBody_Is400(string body)
    {
        Assert.Equal(400, NewWitness().AddCheckpoint(body).Status);
    }

    [Fact]
    public void BadProof_Is422_AndNothingIsCosigned()
    {
        var witness = AtSizeSix();
        var proof = Proof6To8();
        proof[1][0] ^= 16;
        Assert.Equal(422, witness.AddCheckpoint(Request(6, proof, Checkpoint8Note)).Status);
        Assert.Equal(422, witness.AddCheckpoint(Request(6, [], Checkpoint8Note)).Status);
        Assert.Equal(422, witness.AddCheckpoint(Request(6, proof.Take(2), Checkpoint8Note)).Status);
        Assert.Equal(6UL, new WitnessStore(_directory).Latest(Origin)!.Size);
        Assert.Single(new WitnessStore(_directory).History(Origin));
    }

    [Fact]
    public void OldZero_WithANonEmptyProof_Is422()
    {
        var answer = NewWitness().AddCheckpoint(Request(0, Proof6To8(), Checkpoint8Note));
        Assert.Equal(422, answer.Status);
    }

    [Fact]
    public void SameSize_DifferentRoot_Is422()
    {
        var witness = AtSizeSix();
        // A size-6 checkpoint of another tree, properly signed by the log: a fork.
        var fork = SignedNote.Sign(new Checkpoint(Origin, 6, MerkleTree.RootOf(LeafHashes(7))).ToText(), LogKey).ToString();
        Assert.Equal(422, witness.AddCheckpoint(Request(6, [], fork)).Status);
    }

    [Fact]
    public void SameSize_SameRoot_IsCosignedAgain_ButNotWithAProof()
    {
        var witness = AtSizeSix();
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(422, witness.AddCheckpoint(Request(6, [EmptyHash], Checkpoint6Note)).Status);
        var answer = witness.AddCheckpoint(Request(6, [], Checkpoint6Note));
        Assert.Equal(200, answer.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(WitnessTime + 300), Cosignature.Verify(NoteVerifier.Parse(WitnessVkey), Checkpoint6Text, answer.Cosignatures[0]));
    }

    [Fact]
    public void EmptyTreeCheckpoint_MustCarryTheEmptyRoot()
    {
        var witness = NewWitness();
        var wrong = SignedNote.Sign(new Checkpoint(Origin, 0, Root(8)).ToText(), LogKey).ToString();
        Assert.Equal(422, witness.AddCheckpoint(Request(0, [], wrong)).Status);
        var empty = SignedNote.Sign(new Checkpoint(Origin, 0, MerkleTree.EmptyRoot()).ToText(), LogKey).ToString();
        Assert.Equal(200, witness.AddCheckpoint(Request(0, [], empty)).Status);
        // From size 0 on, any tree is consistent.
        Assert.Equal(200, witness.AddCheckpoint(Request(0, [], Checkpoint8Note)).Status);
    }

    [Fact]
    public void State_SurvivesANewStoreOverTheSameDirectory()
    {
        AtSizeSix();
        // A restarted witness knows it is at 6: the §4 request goes through, and old 0 is refused.
        var restarted = NewWitness();
        var probe = restarted.AddCheckpoint(Request(0, [], Checkpoint8Note));
        Assert.Equal((409, "6\n"), (probe.Status, probe.Body()));
        Assert.Equal(200, restarted.AddCheckpoint(Request6To8).Status);

        var latest = new WitnessStore(_directory).Latest(Origin);
        Assert.NotNull(latest);
        Assert.Equal((8UL, "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="), (latest.Size, latest.RootHash));
        Assert.Equal(Checkpoint8Note + Cosign8Line + "\n", latest.Note);
    }

    [Fact]
    public void History_ListsEveryCosignedCheckpoint_InOrder()
    {
        var witness = AtSizeSix();
        _time.Advance(TimeSpan.FromSeconds(10));
        witness.AddCheckpoint(Request6To8);
        witness.AddCheckpoint(Request(0, [], Checkpoint8Note));   // refused (409): not in the history

        var history = new WitnessStore(_directory).History(Origin).ToList();
        Assert.Equal([6UL, 8UL], history.Select(h => h.Size));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(WitnessTime), history[0].CosignedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(WitnessTime + 10), history[1].CosignedAt);
        Assert.Equal(Checkpoint6Note + Cosign6Line + "\n", history[0].Note);
        Assert.Equal(2, new WitnessStore(_directory).History(null).Count());
        Assert.Empty(new WitnessStore(_directory).History("example.com/other-log"));
        Assert.Equal([6UL, 8UL], witness.Cosigned(Origin).Select(h => h.Size));
    }

    [Fact]
    public void Request_ToStringAndParse_RoundTripTheDerivedText()
    {
        var request = new AddCheckpointRequest(6, Proof6To8(), SignedNote.Parse(Checkpoint8Note));
        Assert.Equal(Request6To8, request.ToString());

        var parsed = AddCheckpointRequest.Parse(Request6To8);
        Assert.Equal(6UL, parsed.OldSize);
        Assert.Equal(ConsistencyVectors[2].Proof, parsed.Proof.Select(Convert.ToHexStringLower));
        Assert.Equal(Checkpoint8Note, parsed.Checkpoint.ToString());
        Assert.Equal(Request6To8, parsed.ToString());
    }

    [Fact]
    public void Request_ParsesOldZeroWithNoProof()
    {
        var parsed = AddCheckpointRequest.Parse("old 0\n\n" + Checkpoint6Note);
        Assert.Equal(0UL, parsed.OldSize);
        Assert.Empty(parsed.Proof);
    }

    [Fact]
    public void Request_WithMoreThan63ProofLines_IsRejected()
    {
        var hashes = Enumerable.Repeat(EmptyHash, 64);
        Assert.Throws<FormatException>(() => AddCheckpointRequest.Parse(Request(6, hashes, Checkpoint8Note)));
        Assert.Equal(63, AddCheckpointRequest.Parse(Request(6, hashes.Take(63), Checkpoint8Note)).Proof.Count);
    }
}
