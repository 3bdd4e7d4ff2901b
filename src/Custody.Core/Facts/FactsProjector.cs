using Custody.Ledger;
using Custody.People;

namespace Custody.Facts;

/// <summary>Legal facts entered in Custody.</summary>
public static class FactsProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<EnteredFact>()
            .On<FactEntered>(Apply)
            .On<FactUpdated>(Apply);
    }

    private static void Apply(FactEntered e, LedgerEntry entry, IProjectionStore store)
    {
        _ = store.Find<Person>(e.Person) ?? throw new InvalidOperationException($"person {e.Person} does not exist");
        store.Add(EnteredFact.Enter(e, entry));
    }

    private static void Apply(FactUpdated e, LedgerEntry entry, IProjectionStore store) =>
        (store.Find<EnteredFact>(e.Id) ?? throw new InvalidOperationException($"fact {e.Id} does not exist")).Update(e.Changes(), entry);
}
