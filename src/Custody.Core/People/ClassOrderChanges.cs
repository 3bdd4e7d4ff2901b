using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.People;

/// <summary>A change to a class order, decided after the ledger lock and recorded in the same transaction: a concurrent change is seen, never overwritten.</summary>
internal static class ClassOrderChanges
{
    public static Task<Result<ClassOrderView>> RunAsync<T>(CustodyDbContext db, TimeProvider time, string id, Viewer viewer, Func<ClassOrder, Decision<T>> decide,
        CancellationToken cancellationToken)
        where T : class, ILedgerEvent<T>
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<ClassOrderView>(db, time, async work =>
        {
            var order = await db.ClassOrders.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (order is null)
            {
                return new NotFound($"No class order {id}.");
            }
            var decision = decide(order);
            if ((decision.Failure ?? (decision.Refusal is { } refusal ? new Conflict(refusal) : null)) is { } failure)
            {
                return failure;
            }
            work.Record(decision.Change!, viewer.Actor);
            return ClassOrderView.Of(order);
        }, cancellationToken);
    }
}
