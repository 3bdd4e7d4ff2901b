using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transparency;

/// <summary>The log's identity: the origin line its checkpoints carry and the key that signs them.</summary>
public sealed record LogIdentity(string Origin, NoteSigner Key)
{
    public NoteVerifier PublicKey => Key.Verifier;
}

/// <summary>Raised when the stored ledger does not extend a checkpoint the log signed and the witnesses made final.</summary>
public sealed class LedgerIntegrityException(string message) : Exception(message);

/// <summary>
/// Signs the ledger's tree head as a checkpoint and keeps the checkpoints: the log key signs the
/// size and root computed from the stored subtrees; cosignatures are added as witnesses return
/// them; a checkpoint is final when the witness policy is met.
/// </summary>
public sealed class CheckpointLog(CustodyDbContext db, LogIdentity log, WitnessPolicy policy, TimeProvider time)
{
    /// <summary>Signs the current tree head, or returns the checkpoint already signed at this size.</summary>
    public async Task<LedgerCheckpoint> SignAsync(CancellationToken cancellationToken = default) =>
        await SignAtAsync(await new LedgerProofs(db).SizeAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Signs the tree head at a size the ledger has reached (a published table cites the size it was
    /// computed at), or returns the checkpoint already signed there. An earlier head is consistent
    /// with every later one, which anyone can check with a consistency proof or the tiles.
    /// </summary>
    public async Task<LedgerCheckpoint> SignAtAsync(ulong size, CancellationToken cancellationToken = default)
    {
        var proofs = new LedgerProofs(db);
        if (await db.LedgerCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Size == (long)size, cancellationToken) is { } existing)
        {
            return existing;
        }
        var root = await proofs.RootAsync(size, cancellationToken);
        var note = SignedNote.Sign(new Checkpoint(log.Origin, size, root).ToText(), log.Key);
        var checkpoint = new LedgerCheckpoint
        {
            Size = (long)size,
            RootHash = root,
            Note = note.ToString(),
            SignedAt = Instants.Now(time),
            FinalAt = policy.IsMetBy(note) ? Instants.Now(time) : null,
        };
        db.LedgerCheckpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process signed the same size at the same moment: the tree head is the same, keep theirs.
            db.ChangeTracker.Clear();
            return await db.LedgerCheckpoints.AsNoTracking().SingleAsync(c => c.Size == (long)size, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return checkpoint;
    }

    /// <summary>Adds the cosignatures that verify and are not there yet; marks the checkpoint final when the policy is met.</summary>
    public async Task<LedgerCheckpoint> AddCosignaturesAsync(long size, IEnumerable<NoteSignature> cosignatures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cosignatures);
        var checkpoint = await db.LedgerCheckpoints.SingleAsync(c => c.Size == size, cancellationToken);
        var note = SignedNote.Parse(checkpoint.Note);
        foreach (var cosignature in cosignatures)
        {
            var witness = policy.Witnesses.FirstOrDefault(w => Cosignature.Verify(w, note.Text, cosignature) is not null);
            if (witness is not null && !policy.CosignedBy(note).Contains(witness))
            {
                note = note.With(cosignature);
            }
        }
        checkpoint.Note = note.ToString();
        if (checkpoint.FinalAt is null && policy.IsMetBy(note))
        {
            checkpoint.FinalAt = Instants.Now(time);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return checkpoint;
    }

    public Task<LedgerCheckpoint?> LatestAsync(bool finalOnly, CancellationToken cancellationToken = default) =>
        db.LedgerCheckpoints.AsNoTracking().Where(c => !finalOnly || c.FinalAt != null).OrderByDescending(c => c.Size).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The most recent checkpoints, largest first.</summary>
    public Task<List<LedgerCheckpoint>> RecentAsync(int count, CancellationToken cancellationToken = default) =>
        db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).Take(count).ToListAsync(cancellationToken);

    /// <summary>
    /// Checks that the ledger extends the latest final checkpoint, whichever is larger of the one in
    /// the database and the one kept in the checkpoint file (the file survives a database rolled back).
    /// </summary>
    /// <exception cref="LedgerIntegrityException">It does not.</exception>
    public static async Task EnsureExtendsLatestAsync(CustodyDbContext db, NoteVerifier logKey, FinalCheckpointFile? file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.FinalAt != null).OrderByDescending(c => c.Size).Select(c => c.Note).FirstOrDefaultAsync(cancellationToken);
        var kept = file?.Read();
        string? latest;
        try
        {
            latest = (stored, kept) switch
            {
                (null, null) => null,
                ({ } s, null) => s,
                (null, { } k) => k,
                ({ } s, { } k) => SizeOf(k) > SizeOf(s) ? k : s,
            };
        }
        catch (FormatException ex)
        {
            throw new LedgerIntegrityException($"The kept checkpoint cannot be read: {ex.Message}");
        }
        if (latest is not null)
        {
            await EnsureExtendsAsync(db, logKey, latest, cancellationToken);
        }
    }

    private static ulong SizeOf(string note) => Checkpoint.Parse(SignedNote.Parse(note).Text).Size;

    public Task<LedgerCheckpoint?> AtSizeAsync(long size, CancellationToken cancellationToken = default) =>
        db.LedgerCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Size == size, cancellationToken);

    /// <summary>
    /// Checks that the stored ledger extends the given signed note: the log signed it, and the
    /// ledger holds at least its size with the same root at that size. Cheap (log₂ n reads); the
    /// full check of every entry against the subtrees is <see cref="VerifyLedger"/>'s.
    /// </summary>
    /// <exception cref="LedgerIntegrityException">It does not; the message says why.</exception>
    public static async Task EnsureExtendsAsync(CustodyDbContext db, NoteVerifier logKey, string signedNote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        SignedNote note;
        try
        {
            note = SignedNote.Parse(signedNote);
        }
        catch (FormatException ex)
        {
            throw new LedgerIntegrityException($"The checkpoint cannot be read: {ex.Message}");
        }
        if (!note.IsSignedBy(logKey))
        {
            throw new LedgerIntegrityException($"The checkpoint is not signed by the log key {logKey}.");
        }
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Parse(note.Text);
        }
        catch (FormatException ex)
        {
            throw new LedgerIntegrityException($"The signed note is not a checkpoint: {ex.Message}");
        }
        var proofs = new LedgerProofs(db);
        var size = await proofs.SizeAsync(cancellationToken);
        if (size < checkpoint.Size)
        {
            throw new LedgerIntegrityException($"The ledger holds {size} entries but the signed checkpoint has {checkpoint.Size}: entries were removed from its end.");
        }
        byte[] root;
        try
        {
            root = await proofs.RootAsync(checkpoint.Size, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            throw new LedgerIntegrityException($"The ledger's tree at size {checkpoint.Size} cannot be rebuilt: {ex.Message}");
        }
        if (!root.AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            throw new LedgerIntegrityException($"The ledger's tree hash at size {checkpoint.Size} is not the one the signed checkpoint commits to: history was rewritten.");
        }
    }
}
