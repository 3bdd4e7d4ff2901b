using Custody.Ledger;
using Custody.People;

namespace Custody.CourtOrders;

/// <summary>Court orders entered in Custody: entered, verified, lifted.</summary>
public static class CourtOrdersProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<EnteredCourtOrder>()
            .On<CourtOrderEntered>(Apply)
            .On<CourtOrderVerified>(Apply)
            .On<CourtOrderLifted>(Apply)
            .Projects<CourtOrderConflict>()
            .On<CourtOrderConflictRecorded>((e, entry, store) => store.Add(CourtOrderConflict.Record(e, entry)));
    }

    private static void Apply(CourtOrderEntered e, LedgerEntry entry, IProjectionStore store)
    {
        _ = store.Find<Person>(e.Person) ?? throw new InvalidOperationException($"person {e.Person} does not exist");
        store.Add(EnteredCourtOrder.Enter(e, entry));
    }

    private static void Apply(CourtOrderVerified e, LedgerEntry entry, IProjectionStore store) =>
        Find(store, e.Id).Verify(entry);

    private static void Apply(CourtOrderLifted e, LedgerEntry entry, IProjectionStore store) =>
        Find(store, e.Id).Lift(e.LiftedAt, entry);

    private static EnteredCourtOrder Find(IProjectionStore store, Guid id) =>
        store.Find<EnteredCourtOrder>(id) ?? throw new InvalidOperationException($"court order {id} does not exist");
}
