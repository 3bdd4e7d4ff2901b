using Custody.Ledger;

namespace Custody.Agreements;

/// <summary>Agreements and their versions.</summary>
public static class AgreementsProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<Agreement>()
            .Projects<AgreementVersion>()
            .On<AgreementRegistered>(Apply)
            .On<AgreementUpdated>(Apply)
            .On<AgreementVersionAdded>(Apply);
    }

    private static void Apply(AgreementRegistered e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(Agreement.Register(e.Id, e.Title, e.SendingState, e.ReceivingState, e.EffectiveUntil, entry));

    private static void Apply(AgreementUpdated e, LedgerEntry entry, IProjectionStore store) =>
        Find(store, e.Id).Update(e.Title, e.EffectiveUntil, entry);

    private static void Apply(AgreementVersionAdded e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(AgreementVersion.Add(Find(store, e.Agreement).Id, e.Version, entry));

    private static Agreement Find(IProjectionStore store, string id) =>
        store.Find<Agreement>(id) ?? throw new InvalidOperationException($"agreement {id} does not exist");
}
