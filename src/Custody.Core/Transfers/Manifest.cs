namespace Custody.Transfers;

/// <summary>
/// One movement (flight or convoy) under an agreement: principals who travel and alternates who
/// may replace one only by an approved, screened substitution — never by their place in a list.
/// Status moves draft → locked → departed → arrived; unlocking returns to draft with a reason.
/// A projection of <c>manifest.*</c> entries, changed only through <see cref="TransfersProjector"/>.
/// </summary>
public sealed class Manifest
{
    public Guid Id { get; set; }

    public string AgreementId { get; set; } = "";

    public string Carrier { get; set; } = "";

    /// <summary>Flight or convoy number.</summary>
    public string Movement { get; set; } = "";

    public string OriginFacilityId { get; set; } = "";

    public string DestinationFacilityId { get; set; } = "";

    /// <summary>One of <see cref="ManifestDirections"/>: a transfer to the receiving state, or a return to the sending state.</summary>
    public string Direction { get; set; } = ManifestDirections.Transfer;

    public bool IsReturn => Direction == ManifestDirections.Return;

    public DateTime ScheduledDeparture { get; set; }

    /// <summary>One of <see cref="ManifestStatuses"/>.</summary>
    public string Status { get; set; } = ManifestStatuses.Draft;

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string? LockedBy { get; set; }

    public DateTime? LockedAt { get; set; }

    public string? UnlockReason { get; set; }

    public DateTime? DepartedAt { get; set; }

    public string? DepartedBy { get; set; }

    public DateTime? ArrivedAt { get; set; }

    public string? ArrivedBy { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }
}

/// <summary>
/// Which way a movement goes. A return carries people under <c>return-required</c> home: nobody is
/// screened (going home is never forbidden), the person cap does not apply, and the hand-over gives
/// custody back to the sending state.
/// </summary>
public static class ManifestDirections
{
    public const string Transfer = "transfer";
    public const string Return = "return";
}

public static class ManifestStatuses
{
    public const string Draft = "draft";
    public const string Locked = "locked";
    public const string Departed = "departed";
    public const string Arrived = "arrived";

    public static readonly IReadOnlyList<string> All = [Draft, Locked, Departed, Arrived];
}

/// <summary>A person on a manifest: their role, where they are in the movement, the last screening, and any open alert.</summary>
public sealed class ManifestPerson
{
    public Guid ManifestId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary><c>principal</c> or <c>alternate</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>One of <see cref="ManifestPersonStatuses"/>.</summary>
    public string Status { get; set; } = ManifestPersonStatuses.Listed;

    public DateTime AddedAt { get; set; }

    public string AddedBy { get; set; } = "";

    /// <summary>Why the person was refused at boarding, disembarked, removed or substituted out.</summary>
    public string? StatusReason { get; set; }

    public DateTime? StatusAt { get; set; }

    public string? StatusBy { get; set; }

    /// <summary>The verified identifier checked at boarding (its value; a reference, not a biometric).</summary>
    public string? IdentityCheckedAgainst { get; set; }

    /// <summary>The person this one replaced, or who replaced this one, in a substitution.</summary>
    public Guid? SubstitutionOf { get; set; }

    public string? SubstitutionApprovedBy { get; set; }

    public DateTime? ScreenedAt { get; set; }

    public string? ScreeningOutcome { get; set; }

    /// <summary>Reason codes of the last screening, space-separated.</summary>
    public string ScreeningReasons { get; set; } = "";

    /// <summary>The sending official's hand-over acknowledgement.</summary>
    public string? DispatchedBy { get; set; }

    public DateTime? DispatchedAt { get; set; }

    /// <summary>The receiving official's acknowledgement, which completes the hand-over.</summary>
    public string? ReceivedBy { get; set; }

    public DateTime? ReceivedAt { get; set; }

    /// <summary>One of <see cref="ManifestAlerts"/>, while open.</summary>
    public string? Alert { get; set; }

    public DateTime? AlertRaisedAt { get; set; }

    public string AlertReasons { get; set; } = "";

    public int Revision { get; set; }

    public long LastSeq { get; set; }

    public bool IsPrincipal => Role == ManifestRoles.Principal;
}

public static class ManifestRoles
{
    public const string Principal = "principal";
    public const string Alternate = "alternate";
}

public static class ManifestPersonStatuses
{
    public const string Listed = "listed";
    public const string Removed = "removed";
    public const string SubstitutedOut = "substituted-out";
    public const string Boarded = "boarded";
    public const string NoShow = "no-show";
    public const string Refused = "refused";
    public const string Disembarked = "disembarked";
    public const string Dispatched = "dispatched";
    public const string HandedOver = "handed-over";
    /// <summary>Died or escaped in transit: recorded as an incident, never handed over.</summary>
    public const string Lost = "lost-in-transit";
    /// <summary>Under return-required on this movement, and since handed back to the sending state by a return movement.</summary>
    public const string Returned = "returned";

    /// <summary>The boarding outcomes an escort records.</summary>
    public static readonly IReadOnlyList<string> BoardingOutcomes = [Boarded, NoShow, Refused];
}

/// <summary>Alerts on a manifest person, raised when facts change after the manifest is locked.</summary>
public static class ManifestAlerts
{
    /// <summary>Blocked before departure: the person must be disembarked before the movement may leave.</summary>
    public const string MustDisembark = "must-disembark";
    /// <summary>Blocked after departure: the person may not be handed over and must be returned.</summary>
    public const string ReturnRequired = "return-required";
}

/// <summary>A discrepancy recorded at arrival or hand-over: kept as recorded, never resolved by editing.</summary>
public sealed class ManifestDiscrepancy
{
    public Guid Id { get; set; }

    public Guid ManifestId { get; set; }

    /// <summary>The person concerned, when on the manifest (an "extra" person may not be).</summary>
    public Guid? PersonId { get; set; }

    /// <summary>One of <see cref="Kinds"/>.</summary>
    public string Kind { get; set; } = "";

    public string Note { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public long Seq { get; set; }

    public static readonly IReadOnlyList<string> Kinds = ["missing", "extra", "injured", "identity-doubt", "other"];
}
