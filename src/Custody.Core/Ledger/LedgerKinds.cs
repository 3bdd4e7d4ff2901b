namespace Custody.Ledger;

/// <summary>The kinds of ledger entry. Stable strings: they are hashed into history.</summary>
public static class LedgerKinds
{
    public const string ScreeningDecided = "screening.decided";
    public const string FacilityRegistered = "facility.registered";
    public const string FacilityUpdated = "facility.updated";
    public const string ManifestCreated = "manifest.created";
    public const string ManifestPersonAdded = "manifest.person-added";
    public const string ManifestPersonRemoved = "manifest.person-removed";
    public const string ManifestLocked = "manifest.locked";
    public const string ManifestUnlocked = "manifest.unlocked";
    public const string ManifestSubstituted = "manifest.substituted";
    public const string ManifestBoardingRecorded = "manifest.boarding-recorded";
    public const string ManifestPersonDisembarked = "manifest.person-disembarked";
    public const string ManifestDeparted = "manifest.departed";
    public const string ManifestArrived = "manifest.arrived";
    public const string ManifestPersonDispatched = "manifest.person-dispatched";
    public const string ManifestPersonReceived = "manifest.person-received";
    public const string ManifestDiscrepancyRecorded = "manifest.discrepancy-recorded";
    public const string ManifestAlertRaised = "manifest.alert-raised";
    public const string ManifestAlertCleared = "manifest.alert-cleared";
    public const string CustodyRecorded = "custody.recorded";
    public const string IncidentRecorded = "incident.recorded";
    public const string NotificationQueued = "notification.queued";
    public const string NotificationDelivered = "notification.delivered";
    public const string NotificationFailed = "notification.failed";
    public const string CellRegistered = "cell.registered";
    public const string PersonAdmitted = "person.admitted";
    public const string CellAssigned = "cell.assigned";
    public const string WelfareChecked = "welfare.checked";
    public const string VisitRequested = "visit.requested";
    public const string VisitDecided = "visit.decided";
    public const string PersonReleased = "person.released";
    public const string InformationRestricted = "information.restricted";
    public const string InformationRestrictionLifted = "information.restriction-lifted";
    public const string InspectionRecorded = "inspection.recorded";
    public const string InspectionActionCompleted = "inspection.action-completed";
    public const string PaymentHoldPlaced = "payment-hold.placed";
    public const string PaymentHoldLifted = "payment-hold.lifted";
    public const string InvoiceIssued = "invoice.issued";
    public const string DisputeRaised = "dispute.raised";
    public const string DisputeResolved = "dispute.resolved";
    public const string CreditNoteIssued = "credit-note.issued";
    public const string PaymentRecorded = "payment.recorded";
    public const string ImportCompleted = "import.completed";
    public const string UserCreated = "user.created";
    public const string PersonViewed = "access.person-viewed";
    public const string PeopleSearched = "access.people-searched";
    public const string PeopleScreened = "access.people-screened";

    /// <summary>Kinds that record an event without changing a state table.</summary>
    public static readonly IReadOnlySet<string> AuditOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        ImportCompleted, UserCreated, PersonViewed, PeopleSearched, PeopleScreened, ScreeningDecided,
    };
}
