using Custody.Common;
using Custody.Persistence;

namespace Custody.Ledger;

/// <summary>
/// A command's unit of work, the one way every path (API, page, import, CLI) records a change: one
/// transaction with the ledger locked and read; <c>Record</c> appends each event and applies
/// its projector in it; before commit the reactions run over what was recorded; then save and
/// commit, or, when anything refused or failed, roll back so that nothing is written.
/// </summary>
public sealed class UnitOfWork
{
    private readonly Reactions.Noted _noted = new();

    // Kinds recorded in this unit of work, counted on the meter once it commits.
    private readonly Dictionary<string, long> _appended = new(StringComparer.Ordinal);

    private UnitOfWork(CustodyDbContext db, LedgerWriter ledger, TimeProvider time)
    {
        Db = db;
        Ledger = ledger;
        Time = time;
        Store = new DbProjectionStore(db);
    }

    public CustodyDbContext Db { get; }

    public LedgerWriter Ledger { get; }

    public TimeProvider Time { get; }

    /// <summary>The state tables of this transaction, as projectors see them.</summary>
    public IProjectionStore Store { get; }

    /// <summary>
    /// Runs <paramref name="body"/> in one transaction; saved and committed only when it and the
    /// reactions succeed, rolled back otherwise. Inside a transaction the caller already holds (the
    /// idempotency key's, which must commit with the command and its response) it runs under a
    /// savepoint instead: released on success, rolled back to on refusal or failure; the caller commits.
    /// </summary>
    public static async Task<Result<T>> RunAsync<T>(CustodyDbContext db, TimeProvider time, Func<UnitOfWork, Task<Result<T>>> body,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(body);
        var outer = db.Database.CurrentTransaction;
        await using var own = outer is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var savepoint = outer is null ? null : "unit_of_work_" + Guid.NewGuid().ToString("N")[..12];
        if (savepoint is not null)
        {
            await outer!.CreateSavepointAsync(savepoint, cancellationToken);
        }
        try
        {
            var work = new UnitOfWork(db, await LedgerWriter.OpenAsync(db, time, cancellationToken), time);
            var result = await body(work);
            // Whatever path recorded the change, what must follow it runs here, in this transaction.
            if (result.Succeeded && await Reactions.RunAsync(work, work._noted, cancellationToken) is { } reactionFailure)
            {
                result = Result<T>.Fail(reactionFailure);
            }
            if (result.Succeeded)
            {
                await db.SaveChangesAsync(cancellationToken);
                await (own is not null ? own.CommitAsync(cancellationToken) : outer!.ReleaseSavepointAsync(savepoint!, cancellationToken));
                CustodyMetrics.Appended(work._appended);
            }
            else
            {
                // Rolled back (on dispose, or to the savepoint); what the refused command changed in
                // memory goes too, so the next command on this context starts from what is stored.
                if (outer is not null)
                {
                    await outer.RollbackToSavepointAsync(savepoint!, cancellationToken);
                }
                db.ChangeTracker.Clear();
            }
            return result;
        }
        catch when (outer is not null)
        {
            await outer.RollbackToSavepointAsync(savepoint!, CancellationToken.None);
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.Ledger = null;
        }
    }

    /// <summary>
    /// Records one change: appends its entry (occurredAt null means now; it may be earlier, never
    /// later) and applies its projector to this transaction's tables.
    /// </summary>
    public LedgerEntry Record<T>(T change, string actor, DateTime? occurredAt = null)
        where T : class, ILedgerEvent<T> => Record(change, actor, occurredAt, Store);

    /// <summary>As <c>Record</c>, projecting into another store (the bulk one of an import).</summary>
    public LedgerEntry Record<T>(T change, string actor, DateTime? occurredAt, IProjectionStore store)
        where T : class, ILedgerEvent<T>
    {
        ArgumentNullException.ThrowIfNull(change);
        return RecordAll([(change, occurredAt)], actor, store)[0];
    }

    /// <summary>
    /// Records changes of any kinds in order, hashing their entries on every core, and applies them
    /// in order (a later change may depend on an earlier one): loading a whole prison at once.
    /// </summary>
    public IReadOnlyList<LedgerEntry> RecordAll(IReadOnlyList<(ILedgerEvent Change, DateTime? OccurredAt)> changes, string actor, IProjectionStore store)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(store);
        var registry = EventRegistry.Default;
        var requests = changes.Select(c => new LedgerWriter.Request(registry.For(c.Change.GetType()).Kind, c.Change.Subject(),
            registry.ToPayload(c.Change), actor, c.OccurredAt)).ToList();
        var entries = Append(requests);
        for (var i = 0; i < changes.Count; i++)
        {
            registry.Apply(changes[i].Change, entries[i], store);
            Reactions.Note(_noted, changes[i].Change, actor);
        }
        return entries;
    }

    /// <summary>
    /// Records many changes of one kind, hashing on every core (a large import's registrations).
    /// <paramref name="canonicalPayloads"/>, when given, are the payloads already canonical.
    /// The projector runs on every core too: it must only add rows to a thread-safe store.
    /// </summary>
    public IReadOnlyList<LedgerEntry> RecordMany<T>(IReadOnlyList<T> changes, string actor, IProjectionStore store, IReadOnlyList<byte[]>? canonicalPayloads = null)
        where T : class, ILedgerEvent<T>
    {
        ArgumentNullException.ThrowIfNull(changes);
        var entries = Append(changes.Select((c, i) => new LedgerWriter.Request(T.EntryKind, c.Subject(),
            canonicalPayloads is null ? EventRegistry.Default.ToPayload(c) : [], actor, CanonicalPayload: canonicalPayloads?[i])).ToList());
        Parallel.For(0, changes.Count, i => EventRegistry.Default.Apply(changes[i], entries[i], store));
        foreach (var change in changes)
        {
            Reactions.Note(_noted, change, actor);
        }
        return entries;
    }

    /// <summary>Every entry of this unit of work is appended here, and its kind tallied for the meter.</summary>
    private IReadOnlyList<LedgerEntry> Append(IReadOnlyList<LedgerWriter.Request> requests)
    {
        var entries = Ledger.AppendMany(requests);
        foreach (var request in requests)
        {
            _appended[request.Kind] = _appended.GetValueOrDefault(request.Kind) + 1;
        }
        return entries;
    }
}
