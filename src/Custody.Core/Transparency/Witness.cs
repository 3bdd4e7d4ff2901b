using System.Text;
using System.Text.Json;

namespace Custody.Transparency;

/// <summary>What a witness last cosigned for one log, and every checkpoint it ever cosigned.</summary>
public sealed record WitnessedCheckpoint(string Origin, ulong Size, string RootHash, DateTimeOffset CosignedAt, string Note);

/// <summary>
/// A witness's own small store, in a directory of its own: <c>cosigned.jsonl</c>, one line per
/// checkpoint it cosigned (append-only, flushed to disk), and <c>latest.json</c>, the latest per log,
/// replaced atomically (written beside, flushed, renamed over). A cosignature is answered only after
/// both are on disk, so a crash can never make the witness forget what it signed.
/// </summary>
public sealed class WitnessStore
{
    private readonly string _history;
    private readonly string _latest;
    private readonly Dictionary<string, WitnessedCheckpoint> _byOrigin;

    public WitnessStore(string directory)
    {
        Directory.CreateDirectory(directory);
        _history = Path.Combine(directory, "cosigned.jsonl");
        _latest = Path.Combine(directory, "latest.json");
        _byOrigin = File.Exists(_latest)
            ? JsonSerializer.Deserialize<Dictionary<string, WitnessedCheckpoint>>(File.ReadAllText(_latest)) ?? []
            : [];
    }

    public WitnessedCheckpoint? Latest(string origin) => _byOrigin.GetValueOrDefault(origin);

    public IEnumerable<WitnessedCheckpoint> History(string? origin) =>
        File.Exists(_history)
            ? File.ReadLines(_history).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<WitnessedCheckpoint>(l)!).Where(c => origin is null || c.Origin == origin)
            : [];

    public void Save(WitnessedCheckpoint cosigned)
    {
        ArgumentNullException.ThrowIfNull(cosigned);
        using (var history = new FileStream(_history, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            history.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(cosigned) + "\n"));
            history.Flush(flushToDisk: true);
        }
        var next = new Dictionary<string, WitnessedCheckpoint>(_byOrigin) { [cosigned.Origin] = cosigned };
        var temporary = _latest + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(JsonSerializer.SerializeToUtf8Bytes(next));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, _latest, overwrite: true);
        _byOrigin[cosigned.Origin] = cosigned;
    }
}

/// <summary>
/// A C2SP tlog-witness: cosigns a log's checkpoint only when it extends the last checkpoint the
/// witness cosigned for that log, proven by a consistency proof. So a log that rewrote or cut its
/// history can never again gather this witness's cosignature for the rewritten history.
/// </summary>
public sealed class Witness(NoteSigner key, IReadOnlyList<NoteVerifier> logs, WitnessStore store, TimeProvider time)
{
    private readonly Lock _gate = new();

    public NoteVerifier PublicKey => key.Verifier;

    /// <summary>Every checkpoint this witness cosigned, oldest first; for one log when an origin is given.</summary>
    public IReadOnlyList<WitnessedCheckpoint> Cosigned(string? origin)
    {
        lock (_gate)
        {
            return [.. store.History(origin)];
        }
    }

    public WitnessAnswer AddCheckpoint(string body)
    {
        AddCheckpointRequest request;
        Checkpoint checkpoint;
        try
        {
            request = AddCheckpointRequest.Parse(body);
            checkpoint = Transparency.Checkpoint.Parse(request.Checkpoint.Text);
        }
        catch (FormatException ex)
        {
            return WitnessAnswer.Refused(400, ex.Message);
        }
        // A log may have several trusted keys (a rotation): any one of them may sign, but a line
        // that names one of them (name and key id) must verify.
        var trusted = logs.Where(l => l.Name == checkpoint.Origin && l.Algorithm == NoteAlgorithm.Ed25519).ToList();
        if (trusted.Count == 0)
        {
            return WitnessAnswer.Refused(404, $"This witness does not know the log '{checkpoint.Origin}'.");
        }
        var present = trusted.Where(k => request.Checkpoint.Signatures.Any(s => s.Name == k.Name && s.KeyId == k.KeyId)).ToList();
        if (present.Count == 0 || !present.All(request.Checkpoint.IsSignedBy))
        {
            return WitnessAnswer.Refused(403, "The checkpoint is not signed by the log's key.");
        }
        if (request.OldSize > checkpoint.Size)
        {
            return WitnessAnswer.Refused(400, "The old size is larger than the checkpoint's size.");
        }
        lock (_gate)
        {
            var latest = store.Latest(checkpoint.Origin);
            var latestSize = latest?.Size ?? 0;
            if (request.OldSize != latestSize)
            {
                return WitnessAnswer.Conflict(latestSize);
            }
            if (Refusal(request, checkpoint, latest) is { } problem)
            {
                return WitnessAnswer.Refused(422, problem);
            }
            var now = time.GetUtcNow();
            var cosignature = Cosignature.Sign(key, request.Checkpoint.Text, now);
            store.Save(new WitnessedCheckpoint(checkpoint.Origin, checkpoint.Size, Convert.ToBase64String(checkpoint.RootHash), now, request.Checkpoint.With(cosignature).ToString()));
            return WitnessAnswer.Cosigned([cosignature]);
        }
    }

    // tlog-witness: old size 0 is decided here (the empty tree is consistent with any tree, and
    // a size-0 checkpoint carries the empty root); otherwise the proof must take the cosigned head to the new one.
    private static string? Refusal(AddCheckpointRequest request, Checkpoint checkpoint, WitnessedCheckpoint? latest)
    {
        if (checkpoint.Size == 0 && !checkpoint.RootHash.AsSpan().SequenceEqual(Ledger.MerkleTree.EmptyRoot()))
        {
            return "A checkpoint of size 0 carries the root of the empty tree.";
        }
        if (request.OldSize == 0)
        {
            return request.Proof.Count == 0 ? null : "From the empty tree the consistency proof is empty.";
        }
        var oldRoot = Convert.FromBase64String(latest!.RootHash);
        return Ledger.MerkleProof.VerifyConsistency(request.OldSize, checkpoint.Size, oldRoot, checkpoint.RootHash, request.Proof)
            ? null
            : $"The checkpoint is not consistent with the one of size {request.OldSize} this witness cosigned.";
    }
}

