namespace Custody.Facilities;

/// <summary>
/// A person's entry in a facility's register (Mandela Rules 7–8, Enforced Disappearance
/// Convention art. 17(3)), made after a completed hand-over. <see cref="Register"/> holds the
/// register fields as canonical JSON: each is a value, or an explicit declined/unknown with who
/// recorded it. The admission ends with a release, a return, an onward transfer or a death.
/// </summary>
public sealed class Admission
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string FacilityId { get; set; } = "";

    public Guid? ManifestId { get; set; }

    public string AgreementId { get; set; } = "";

    public DateTime AdmittedAt { get; set; }

    public string AdmittedBy { get; set; } = "";

    /// <summary>The register fields (canonical JSON object).</summary>
    public string Register { get; set; } = "{}";

    public DateTime? EndedAt { get; set; }

    /// <summary>released, returned, transferred-onward or died.</summary>
    public string? EndKind { get; set; }

    public string? EndDestination { get; set; }

    public string? EndAuthority { get; set; }

    public string? EndedBy { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }

    /// <summary>The register fields an admission must state (or mark declined/unknown).</summary>
    public static readonly IReadOnlyList<string> RequiredFields =
    [
        "identity", "groundsAndOrderingAuthority", "supervisingAuthority", "healthAtAdmission", "visibleInjuries", "complaintsOfIllTreatment",
        "propertyInventory", "familyMembers", "emergencyContact",
    ];

    public static readonly IReadOnlyList<string> EndKinds = ["released", "returned", "transferred-onward"];

    /// <summary>The custody term where the agreement version states none.</summary>
    public const int DefaultCustodyTermDays = 365;

    /// <summary>When a disposition is due: the admission plus the custody term of the agreement version in force.</summary>
    public static DateTime DispositionDue(DateTime admittedAt, Screening.VersionTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return admittedAt.AddDays(terms.CustodyTermDays ?? DefaultCustodyTermDays);
    }
}

/// <summary>A <see cref="Admission"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record AdmissionView(Guid Id, Guid PersonId, string FacilityId, Guid? ManifestId, string AgreementId, DateTime AdmittedAt, string AdmittedBy, string Register, DateTime? EndedAt, string? EndKind, string? EndDestination, string? EndAuthority, string? EndedBy, long LastSeq)
{
    public static AdmissionView Of(Admission x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.PersonId, x.FacilityId, x.ManifestId, x.AgreementId, x.AdmittedAt, x.AdmittedBy, x.Register, x.EndedAt, x.EndKind, x.EndDestination, x.EndAuthority, x.EndedBy, x.LastSeq);
    }
}

/// <summary>A welfare check: who saw the person, in what role, when, how they were, and whether they could speak privately.</summary>
public sealed class WelfareCheck
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string SeenBy { get; set; } = "";

    /// <summary>
    /// The capacity of the account that recorded it (<see cref="CapacityOf"/>), never what a request
    /// says: independent-monitor, sending-state, counsel, facility-staff or other.
    /// </summary>
    public string Role { get; set; } = "";

    /// <summary>How the person's identity was confirmed (<see cref="IdentityMethods"/>), or null when not stated.</summary>
    public string? IdentityConfirmedBy { get; set; }

    /// <summary>When the check was recorded; <see cref="SeenAt"/> more than <see cref="LateAfterHours"/> before it makes the check late.</summary>
    public DateTime RecordedAt { get; set; }

    public bool Late { get; set; }

    /// <summary>
    /// Whether the check makes days payable: recorded by an independent monitor under their own
    /// account, identity confirmed, not late. Other checks are kept and shown, and pay for nothing.
    /// </summary>
    public bool Payable { get; set; }

    public DateTime SeenAt { get; set; }

    public string Condition { get; set; } = "";

    public bool PrivateConversation { get; set; }

    public string? Notes { get; set; }

    public string RecordedBy { get; set; } = "";

    public long Seq { get; set; }

    /// <summary>The kinds of visitor a visit request names (a welfare check's capacity comes from the account instead).</summary>
    public static readonly IReadOnlyList<string> Roles = ["icrc", "consular", "counsel", "medical", "sending-state"];

    public const string IndependentMonitor = "independent-monitor";
    public const string SendingState = "sending-state";
    public const string CounselCapacity = "counsel";
    public const string FacilityStaff = "facility-staff";
    public const string OtherCapacity = "other";

    /// <summary>How identity may be confirmed at a check.</summary>
    public static readonly IReadOnlyList<string> IdentityMethods = ["verified-identifier", "biometric-match", "photograph-compared"];

    /// <summary>A check seen more than this long before it was recorded is late: kept, marked, not payable.</summary>
    public const int LateAfterHours = 72;

    /// <summary>
    /// The capacity in which an account vouches for a person's presence. Only an inspector (an
    /// independent monitor: ICRC delegate, consular officer of the sending state, national
    /// preventive mechanism) vouches for payment; the payee's own staff never do.
    /// </summary>
    public static string CapacityOf(IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles.Contains(Access.Roles.Inspector) ? IndependentMonitor
            : roles.Contains(Access.Roles.LegalReviewer) ? SendingState
            : roles.Contains(Access.Roles.Counsel) ? CounselCapacity
            : roles.Contains(Access.Roles.FacilityDirector) || roles.Contains(Access.Roles.ReceptionOfficer) ? FacilityStaff
            : OtherCapacity;
    }

    /// <summary>The payability rule, applied when the check is recorded (and when the ledger is replayed).</summary>
    public static bool MakesDaysPayable(string capacity, string? identityConfirmedBy, bool late) =>
        capacity == IndependentMonitor && identityConfirmedBy is not null && !late;
}

/// <summary>A <see cref="WelfareCheck"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record WelfareCheckView(Guid Id, Guid PersonId, string SeenBy, string Role, string? IdentityConfirmedBy, DateTime RecordedAt, bool Late, bool Payable, DateTime SeenAt, string Condition, bool PrivateConversation, string? Notes, string RecordedBy, long Seq)
{
    public static WelfareCheckView Of(WelfareCheck x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.PersonId, x.SeenBy, x.Role, x.IdentityConfirmedBy, x.RecordedAt, x.Late, x.Payable, x.SeenAt, x.Condition, x.PrivateConversation, x.Notes, x.RecordedBy, x.Seq);
    }
}

/// <summary>A request to visit a person; a denial is a finding against the facility.</summary>
public sealed class AccessVisit
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string Visitor { get; set; } = "";

    public string Role { get; set; } = "";

    public DateTime RequestedAt { get; set; }

    public string RequestedBy { get; set; } = "";

    /// <summary>requested, granted or denied.</summary>
    public string Status { get; set; } = "requested";

    public string? Reason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }
}

/// <summary>A <see cref="AccessVisit"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record AccessVisitView(Guid Id, Guid PersonId, string Visitor, string Role, DateTime RequestedAt, string RequestedBy, string Status, string? Reason, string? DecidedBy, DateTime? DecidedAt, long LastSeq)
{
    public static AccessVisitView Of(AccessVisit x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.PersonId, x.Visitor, x.Role, x.RequestedAt, x.RequestedBy, x.Status, x.Reason, x.DecidedBy, x.DecidedAt, x.LastSeq);
    }
}

/// <summary>A restriction on what relatives and counsel are told (art. 18), with its legal ground; shown as restricted, never as "not found".</summary>
public sealed class InformationRestriction
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string Ground { get; set; } = "";

    /// <summary>Who imposed it (a court, a prosecutor, the facility's director); null on restrictions recorded before session 5.</summary>
    public string? Authority { get; set; }

    /// <summary>When it must be reviewed; past it and not lifted, it is listed as lapsed.</summary>
    public DateOnly? ReviewBy { get; set; }

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public DateTime? LiftedAt { get; set; }

    public string? LiftedBy { get; set; }

    public string? LiftReason { get; set; }

    /// <summary>The pending proceeding in which counsel asked a court to review it, if any.</summary>
    public Guid? ReviewProceedingId { get; set; }

    public string? ReviewCourt { get; set; }

    public long LastSeq { get; set; }
}
