using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.CourtOrders;

/// <summary>
/// A change to an entered court order, in one transaction with its ledger entry, after the ledger
/// lock: two people verifying or lifting the same order at once get one success and one conflict.
/// </summary>
internal static class CourtOrderChanges
{
    // The lock first (in the unit of work), then the read: a concurrent change is seen, never overwritten.
    public static Task<Result<CourtOrderView>> RunAsync<T>(CustodyDbContext db, TimeProvider time, Guid orderId, Viewer viewer, Func<EnteredCourtOrder, Decision<T>> decide,
        CancellationToken cancellationToken)
        where T : class, ILedgerEvent<T>
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<CourtOrderView>(db, time, async work =>
        {
            var order = await db.CourtOrders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null || await viewer.FindPersonAsync(db, order.PersonId, cancellationToken) is null)
            {
                return new NotFound($"No court order {orderId}.");
            }
            var decision = decide(order);
            if ((decision.Failure ?? (decision.Refusal is { } refusal ? new Conflict(refusal) : null)) is { } failure)
            {
                return failure;
            }
            work.Record(decision.Change!, viewer.Actor);
            return CourtOrderView.Of(order);
        }, cancellationToken);
    }
}
