using Custody.Ledger;
using Custody.Locator;
using Custody.Transfers;

namespace Custody.People;

/// <summary>The register of people and class orders: a person's row, first custody record and locator keys; class orders.</summary>
public static class PeopleProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<Person>()
            .Projects<LocatorKey>()
            .Projects<ClassOrder>()
            .Projects<ClassOrderConflict>()
            .On<PersonRegistered>(Apply)
            .On<PersonUpdated>(Apply)
            .On<ClassOrderRecorded>(Apply)
            .On<ClassOrderUpdated>(Apply)
            .On<ClassOrderVerified>((e, entry, store) => (store.Find<ClassOrder>(e.Id) ?? throw new InvalidOperationException($"class order {e.Id} does not exist")).Verify(entry))
            .On<ClassOrderConflictRecorded>((e, entry, store) => store.Add(new ClassOrderConflict
            {
                Id = e.Id,
                ClassOrderId = e.Order,
                Copy = CanonicalJson.ToText(e.Copy),
                Import = e.Import,
                RecordedBy = entry.Actor,
                RecordedAt = entry.RecordedAt,
                Seq = entry.Seq,
            }));
    }

    // Runs on every core in a bulk import: it only adds rows (the bulk store's Add is thread-safe) and asks the store nothing.
    private static void Apply(PersonRegistered e, LedgerEntry entry, IProjectionStore store)
    {
        store.Add(Person.Register(e, entry));
        store.Add(CustodyRecord.Initial(e.Id, e.Person, entry));
        foreach (var key in LocatorKey.For(e.Id, e.Person))
        {
            store.Add(key);
        }
    }

    // The locator keys follow the facts: those no longer derived go, new ones come.
    private static void Apply(PersonUpdated e, LedgerEntry entry, IProjectionStore store)
    {
        var person = store.Find<Person>(e.Id) ?? throw new InvalidOperationException($"person {e.Id} does not exist");
        var before = LocatorKey.For(person.Id, person.FactsObject()).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        person.Update(e.Changes(), entry);
        var after = LocatorKey.For(person.Id, person.FactsObject()).ToList();
        foreach (var key in before.Where(k => !after.Any(a => a.Key == k)))
        {
            store.Remove(store.Find<LocatorKey>(key, person.Id) ?? throw new InvalidOperationException($"locator key {key} of person {person.Id} does not exist"));
        }
        foreach (var key in after.Where(a => !before.Contains(a.Key)))
        {
            store.Add(key);
        }
    }

    private static void Apply(ClassOrderRecorded e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(ClassOrder.Record(e, entry));

    private static void Apply(ClassOrderUpdated e, LedgerEntry entry, IProjectionStore store) =>
        (store.Find<ClassOrder>(e.Id) ?? throw new InvalidOperationException($"class order {e.Id} does not exist")).Update(e.Changes(), entry);
}
