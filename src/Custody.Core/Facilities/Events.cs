using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Facilities;

/// <summary>A facility was registered with the details families and counsel are told.</summary>
public sealed record FacilityRegistered(string Id, string Name, string State, string Kind, string Address, string Telephone, string TimeZone)
    : ILedgerEvent<FacilityRegistered>
{
    public static string EntryKind => "facility.registered";

    public string Subject() => "facility:" + Id;
}

/// <summary>A facility's details were corrected (never its state: that is a new facility).</summary>
public sealed record FacilityUpdated(string Id, string Name, string State, string Kind, string Address, string Telephone, string TimeZone)
    : ILedgerEvent<FacilityUpdated>
{
    public static string EntryKind => "facility.updated";

    public string Subject() => "facility:" + Id;
}

/// <summary>A cell was registered with what the standards are measured against.</summary>
public sealed record CellRegistered(string Id, string Facility, string Unit, string Number, decimal FloorAreaM2, bool Shared, int Bunks, int Toilets, int Showers,
    decimal WaterLitresPerDay, int LightingHours, string Ventilation, int DesignCapacity, int OperationalCapacity) : ILedgerEvent<CellRegistered>
{
    public static string EntryKind => "cell.registered";

    public string Subject() => "cell:" + Id;
}

/// <summary>A person was admitted to a facility after a completed hand-over, with the register fields (each a value or declined/unknown).</summary>
public sealed record PersonAdmitted(Guid Id, Guid Person, string Facility, string Agreement, DateTime AdmittedAt, JsonObject Register, Guid? Manifest = null)
    : ILedgerEvent<PersonAdmitted>
{
    public static string EntryKind => "person.admitted";

    public string Subject() => "person:" + Person;
}

/// <summary>An admitted person was assigned (or moved) to a cell; a finding names the standards breached under a "warn" agreement.</summary>
public sealed record CellAssigned(Guid Id, Guid Person, Guid Admission, string Cell, DateTime From, string? Finding = null) : ILedgerEvent<CellAssigned>
{
    public static string EntryKind => "cell.assigned";

    public string Subject() => "person:" + Person;
}

/// <summary>A welfare check: who saw the person, in what role, when, how they were, and whether privately.</summary>
public sealed record WelfareChecked(Guid Id, Guid Person, string SeenBy, string Role, DateTime SeenAt, string Condition, bool PrivateConversation, string? Notes = null,
    string? IdentityConfirmedBy = null)
    : ILedgerEvent<WelfareChecked>
{
    public static string EntryKind => "welfare.checked";

    public string Subject() => "person:" + Person;
}

/// <summary>A visit to a held person was requested.</summary>
public sealed record VisitRequested(Guid Id, Guid Person, string Visitor, string Role) : ILedgerEvent<VisitRequested>
{
    public static string EntryKind => "visit.requested";

    public string Subject() => "person:" + Person;
}

/// <summary>A requested visit was granted or denied (a denial with its reason).</summary>
public sealed record VisitDecided(Guid Id, Guid Person, bool Granted, string? Reason = null) : ILedgerEvent<VisitDecided>
{
    public static string EntryKind => "visit.decided";

    public string Subject() => "person:" + Person;
}

/// <summary>A person's admission ended: released, returned, transferred onward, died or escaped; when, where to, and the authority.</summary>
public sealed record PersonReleased(Guid Person, Guid Admission, string Kind, DateTime At, string Destination, string Authority) : ILedgerEvent<PersonReleased>
{
    public static string EntryKind => "person.released";

    public string Subject() => "person:" + Person;
}

/// <summary>
/// What relatives and counsel are told about a person was restricted, on a legal ground, by an
/// authority, until a review date (art. 20; the last two since session 5, absent from older entries).
/// </summary>
public sealed record InformationRestricted(Guid Id, Guid Person, string Ground, string? Authority = null, DateOnly? ReviewBy = null) : ILedgerEvent<InformationRestricted>
{
    public static string EntryKind => "information.restricted";

    public string Subject() => "person:" + Person;
}

/// <summary>An information restriction was lifted (by a court, or the authority that imposed it), and why.</summary>
public sealed record InformationRestrictionLifted(Guid Id, Guid Person, string? Reason = null) : ILedgerEvent<InformationRestrictionLifted>
{
    public static string EntryKind => "information.restriction-lifted";

    public string Subject() => "person:" + Person;
}

/// <summary>Counsel (or the sending state's legal reviewer) asked a court to review a restriction: recorded as a pending proceeding, which it names.</summary>
public sealed record InformationRestrictionReviewRequested(Guid Id, Guid Person, Guid Proceeding, string Court) : ILedgerEvent<InformationRestrictionReviewRequested>
{
    public static string EntryKind => "information.restriction-review-requested";

    public string Subject() => "person:" + Person;
}

/// <summary>A follow-up action recorded with an inspection: what, who owns it, by when.</summary>
public sealed record PlannedAction(Guid Id, string Description, string Owner, DateOnly Deadline);

/// <summary>
/// A cell was inspected: the checklist as measured (as the inspector's request gave it), the findings
/// computed from it against the agreement's standards, and the follow-up actions.
/// </summary>
public sealed record InspectionRecorded(Guid Id, string Facility, string Cell, string Agreement, DateTime InspectedAt, JsonObject Measurements,
    IReadOnlyList<InspectionFinding> Findings, IReadOnlyList<PlannedAction> Actions) : ILedgerEvent<InspectionRecorded>
{
    public static string EntryKind => "inspection.recorded";

    public string Subject() => "facility:" + Facility;
}

/// <summary>A follow-up action of an inspection at the facility was completed.</summary>
public sealed record InspectionActionCompleted(Guid Id, string Facility) : ILedgerEvent<InspectionActionCompleted>
{
    public static string EntryKind => "inspection.action-completed";

    public string Subject() => "facility:" + Facility;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(FacilityRegistered))]
[JsonSerializable(typeof(FacilityUpdated))]
[JsonSerializable(typeof(CellRegistered))]
[JsonSerializable(typeof(PersonAdmitted))]
[JsonSerializable(typeof(CellAssigned))]
[JsonSerializable(typeof(WelfareChecked))]
[JsonSerializable(typeof(VisitRequested))]
[JsonSerializable(typeof(VisitDecided))]
[JsonSerializable(typeof(PersonReleased))]
[JsonSerializable(typeof(InformationRestricted))]
[JsonSerializable(typeof(InformationRestrictionLifted))]
[JsonSerializable(typeof(InformationRestrictionReviewRequested))]
[JsonSerializable(typeof(PlannedAction))]
[JsonSerializable(typeof(InspectionFinding))]
[JsonSerializable(typeof(InspectionRecorded))]
[JsonSerializable(typeof(InspectionActionCompleted))]
internal sealed partial class FacilitiesEventsJson : JsonSerializerContext;
