using System.Globalization;
using System.Net;
using System.Text;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Transparency;

/// <summary>A witness the deployment submits its checkpoints to: where it listens and the key it cosigns with.</summary>
public sealed record WitnessEndpoint(Uri Url, NoteVerifier Key);

/// <summary>What happened at one witness when a checkpoint was submitted.</summary>
public sealed record WitnessOutcome(string Witness, int Status, string? Problem);

/// <summary>
/// Signs the tree head when enough has been recorded, and submits the latest checkpoint to every
/// configured witness that has not cosigned it (tlog-witness <c>add-checkpoint</c>, with the
/// consistency proof from the size the witness last cosigned). Cosignatures are checked and kept;
/// a checkpoint the witness policy finds final is written to the deployment's checkpoint file too.
/// </summary>
public sealed class CheckpointPublisher(CustodyDbContext db, CheckpointLog log, WitnessPolicy policy, IReadOnlyList<WitnessEndpoint> witnesses, HttpClient http, FinalCheckpointFile? file)
{
    /// <summary>Signs now when <paramref name="force"/> or when the ledger grew; then gathers cosignatures.</summary>
    public async Task<(LedgerCheckpoint Checkpoint, IReadOnlyList<WitnessOutcome> Witnesses)> PublishAsync(bool force, long everyEntries, TimeSpan every, DateTime now, CancellationToken cancellationToken = default)
    {
        var latest = await log.LatestAsync(false, cancellationToken);
        var size = (long)await new LedgerProofs(db).SizeAsync(cancellationToken);
        if (latest is null || (size > latest.Size && (force || size - latest.Size >= everyEntries || now - latest.SignedAt >= every)))
        {
            latest = await log.SignAsync(cancellationToken);
        }
        var outcomes = new List<WitnessOutcome>();
        var note = SignedNote.Parse(latest.Note);
        var cosigned = policy.CosignedBy(note);
        foreach (var witness in witnesses.Where(w => !cosigned.Any(c => c.KeyId == w.Key.KeyId && c.Name == w.Key.Name)))
        {
            var (status, lines, problem) = await SubmitAsync(witness, note, latest.Size, cancellationToken);
            outcomes.Add(new WitnessOutcome(witness.Key.Name, status, problem));
            if (lines.Count > 0)
            {
                latest = await log.AddCosignaturesAsync(latest.Size, lines, cancellationToken);
            }
        }
        if (latest.FinalAt is not null)
        {
            file?.Keep(latest.Note, (ulong)latest.Size);
        }
        return (latest, outcomes);
    }

    private async Task<(int Status, IReadOnlyList<NoteSignature> Lines, string? Problem)> SubmitAsync(WitnessEndpoint witness, SignedNote note, long size, CancellationToken cancellationToken)
    {
        var old = await LastCosignedSizeAsync(witness.Key, cancellationToken);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var proof = await new LedgerProofs(db).ConsistencyAsync((ulong)old, (ulong)size, cancellationToken);
            var body = new AddCheckpointRequest((ulong)old, proof, note).ToString();
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync(new Uri(witness.Url, AddCheckpointRequest.Path.TrimStart('/')), new StringContent(body, Encoding.UTF8, "text/plain"), cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                return (0, [], $"unreachable: {ex.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (0, [], "timed out");
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.Conflict && attempt == 0
                    && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var theirs) && theirs <= size)
                {
                    // The witness has seen a different size than this log recorded (a lost answer): prove from there.
                    old = theirs;
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    return ((int)response.StatusCode, [], text.Trim());
                }
                var lines = new List<NoteSignature>();
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    try
                    {
                        var signature = SignedNote.ParseLine(line);
                        if (Cosignature.Verify(witness.Key, note.Text, signature) is not null)
                        {
                            lines.Add(signature);
                        }
                    }
                    catch (FormatException)
                    {
                        // Not a signature line: ignored, like any signature of an unknown key.
                    }
                }
                return lines.Count > 0 ? (200, lines, null) : (200, [], "the witness answered without a valid cosignature");
            }
        }
        return (409, [], "the witness's size disagrees with this log's");
    }

    // The largest checkpoint this witness cosigned, as the log recorded it; 0 if none.
    private async Task<long> LastCosignedSizeAsync(NoteVerifier witness, CancellationToken cancellationToken)
    {
        var recent = await log.RecentAsync(64, cancellationToken);
        return recent.FirstOrDefault(c =>
        {
            var note = SignedNote.Parse(c.Note);
            return note.Signatures.Any(s => Cosignature.Verify(witness, note.Text, s) is not null);
        })?.Size ?? 0;
    }
}

/// <summary>
/// The latest final checkpoint, kept as a file beside the database (in the data directory): a copy
/// that whoever can write to the database alone cannot roll back. Replaced atomically, only by a larger one.
/// </summary>
public sealed class FinalCheckpointFile(string path)
{
    private readonly Lock _gate = new();

    public string Path => path;

    public string? Read() => File.Exists(path) ? File.ReadAllText(path) : null;

    public void Keep(string note, ulong size)
    {
        lock (_gate)
        {
            if (Read() is { } current && Checkpoint.Parse(SignedNote.Parse(current).Text).Size > size)
            {
                return;
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            var temporary = path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(Encoding.UTF8.GetBytes(note));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
    }
}
