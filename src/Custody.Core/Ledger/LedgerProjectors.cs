using System.Text.Json.Serialization.Metadata;

namespace Custody.Ledger;

/// <summary>Every feature's ledger events: their JSON contexts and their projectors, gathered in one place for <see cref="EventRegistry"/>.</summary>
internal static class LedgerProjectors
{
    public static readonly IJsonTypeInfoResolver[] JsonContexts =
    [
        AuditEventsJson.Default,
        Access.AccessEventsJson.Default,
        Access.PersonReadsJson.Default,
        Transfers.TransfersEventsJson.Default,
        Notifications.NotificationsEventsJson.Default,
        Screening.ScreeningEventsJson.Default,
        Facilities.FacilitiesEventsJson.Default,
        Billing.BillingEventsJson.Default,
        People.PeopleEventsJson.Default,
        Agreements.AgreementsEventsJson.Default,
        CourtOrders.CourtOrdersEventsJson.Default,
        Facts.FactsEventsJson.Default,
        Production.ProductionEventsJson.Default,
        Corrections.CorrectionsEventsJson.Default,
        InformationRequests.InformationRequestsEventsJson.Default,
        Discipline.DisciplineEventsJson.Default,
        Complaints.ComplaintsEventsJson.Default,
        Hearings.HearingsEventsJson.Default,
    ];

    public static void RegisterAll(EventRegistry registry)
    {
        AuditEvents.Register(registry);
        Access.AccountEvents.Register(registry);
        Access.PersonReads.Register(registry);
        Transfers.TransfersProjector.Register(registry);
        Notifications.NotificationsProjector.Register(registry);
        Screening.ScreeningProjector.Register(registry);
        Facilities.FacilitiesProjector.Register(registry);
        Billing.BillingProjector.Register(registry);
        People.PeopleProjector.Register(registry);
        Agreements.AgreementsProjector.Register(registry);
        CourtOrders.CourtOrdersProjector.Register(registry);
        Facts.FactsProjector.Register(registry);
        Production.ProductionProjector.Register(registry);
        Corrections.CorrectionsProjector.Register(registry);
        InformationRequests.InformationRequestsProjector.Register(registry);
        Discipline.DisciplineProjector.Register(registry);
        Complaints.ComplaintsProjector.Register(registry);
        Hearings.HearingsProjector.Register(registry);
    }
}
