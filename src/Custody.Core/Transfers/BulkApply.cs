using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>
/// Records many changes in one unit of work through the same projectors as the commands, with new
/// rows written by prepared INSERTs (<see cref="BulkProjectionStore"/>): for loading a whole prison
/// (the demo at scale, the benchmark) where a command per person would take minutes.
/// </summary>
public static class BulkApply
{
    public static async Task<int> RunAsync(CustodyDbContext db, TimeProvider time, IReadOnlyList<(ILedgerEvent Change, DateTime? OccurredAt)> changes, string actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        var result = await UnitOfWork.RunAsync<int>(db, time, async work =>
        {
            var store = new BulkProjectionStore(db);
            // Current custody records, tracked: superseding one is then an UPDATE saved with the unit of work.
            store.Preload(await db.CustodyRecords.Where(r => r.IsCurrent).ToListAsync(cancellationToken));
            var entries = work.RecordAll(changes, actor, store);
            await store.FlushAsync(cancellationToken);
            return entries.Count;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return result.Value;
    }
}
