namespace Custody.Ledger;

/// <summary>The kinds of ledger entry. Stable strings: they are hashed into history.</summary>
public static class LedgerKinds
{
    public const string PersonRegistered = "person.registered";
    public const string PersonUpdated = "person.updated";
    public const string ClassOrderRecorded = "class-order.recorded";
    public const string ClassOrderUpdated = "class-order.updated";
    public const string AgreementRegistered = "agreement.registered";
    public const string AgreementUpdated = "agreement.updated";
    public const string AgreementVersionAdded = "agreement.version-added";
    public const string CourtOrderEntered = "court-order.entered";
    public const string CourtOrderVerified = "court-order.verified";
    public const string CourtOrderLifted = "court-order.lifted";
    public const string ScreeningDecided = "screening.decided";
    public const string FactEntered = "fact.entered";
    public const string FactUpdated = "fact.updated";
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
