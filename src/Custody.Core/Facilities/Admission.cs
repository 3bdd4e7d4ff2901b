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
}

/// <summary>A welfare check: who saw the person, in what role, when, how they were, and whether they could speak privately.</summary>
public sealed class WelfareCheck
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string SeenBy { get; set; } = "";

    /// <summary>icrc, consular, counsel, medical or sending-state.</summary>
    public string Role { get; set; } = "";

    public DateTime SeenAt { get; set; }

    public string Condition { get; set; } = "";

    public bool PrivateConversation { get; set; }

    public string? Notes { get; set; }

    public string RecordedBy { get; set; } = "";

    public long Seq { get; set; }

    public static readonly IReadOnlyList<string> Roles = ["icrc", "consular", "counsel", "medical", "sending-state"];
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

/// <summary>A restriction on what relatives and counsel are told (art. 18), with its legal ground; shown as restricted, never as "not found".</summary>
public sealed class InformationRestriction
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string Ground { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public DateTime? LiftedAt { get; set; }

    public long LastSeq { get; set; }
}
