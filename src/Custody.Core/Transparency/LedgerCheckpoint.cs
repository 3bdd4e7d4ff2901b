namespace Custody.Transparency;

/// <summary>
/// A tree head the log signed: the C2SP checkpoint as a signed note, with the witnesses'
/// cosignatures added as they arrive. It becomes final when the deployment's witness policy is
/// met; from then on the ledger must extend it, and the web app refuses to start if it does not.
/// </summary>
public sealed class LedgerCheckpoint
{
    public long Size { get; set; }

    public required byte[] RootHash { get; set; }

    /// <summary>The signed note, byte for byte as served: the log's signature, then every cosignature gathered.</summary>
    public required string Note { get; set; }

    public DateTime SignedAt { get; set; }

    /// <summary>When the witness policy was met; null while it is not.</summary>
    public DateTime? FinalAt { get; set; }
}

/// <summary>Which witnesses' cosignatures make a checkpoint final: at least <see cref="Quorum"/> of <see cref="Witnesses"/>.</summary>
public sealed record WitnessPolicy(IReadOnlyList<NoteVerifier> Witnesses, int Quorum)
{
    /// <summary>No witness: a checkpoint is final once the log signs it. Only for a deployment that has none yet.</summary>
    public static readonly WitnessPolicy None = new([], 0);

    /// <summary>The witnesses whose valid cosignatures the note carries.</summary>
    public IReadOnlyList<NoteVerifier> CosignedBy(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return [.. Witnesses.Where(w => note.Signatures.Any(s => Cosignature.Verify(w, note.Text, s) is not null))];
    }

    public bool IsMetBy(SignedNote note) => CosignedBy(note).Count >= Quorum;

    /// <summary>Reads <c>quorum</c> and witness keys; a quorum above the number of witnesses can never be met.</summary>
    /// <exception cref="FormatException">A key is malformed or the quorum impossible.</exception>
    public static WitnessPolicy Create(IEnumerable<string> witnessKeys, int? quorum)
    {
        ArgumentNullException.ThrowIfNull(witnessKeys);
        var witnesses = witnessKeys.Select(NoteVerifier.Parse).ToList();
        if (witnesses.Any(w => w.Algorithm != NoteAlgorithm.CosignatureV1))
        {
            throw new FormatException("A witness key is a cosignature/v1 key (algorithm 0x04).");
        }
        var needed = quorum ?? witnesses.Count;
        if (needed < 0 || needed > witnesses.Count)
        {
            throw new FormatException($"A quorum of {needed} cannot be met by {witnesses.Count} witness(es).");
        }
        return new WitnessPolicy(witnesses, needed);
    }
}
