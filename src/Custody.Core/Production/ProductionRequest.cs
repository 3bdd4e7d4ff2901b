namespace Custody.Production;

/// <summary>A court's order to declare a person's whereabouts or produce them, by a deadline (projected from the ledger).</summary>
public sealed class ProductionRequest
{
    public const string Whereabouts = "whereabouts";
    public const string ProduceByVideo = "produce-video";
    public const string ProduceInPerson = "produce-in-person";
    public const string Open = "open";
    public const string Answered = "answered";

    public static readonly IReadOnlyList<string> Kinds = [Whereabouts, ProduceByVideo, ProduceInPerson];

    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string Kind { get; set; } = Whereabouts;

    /// <summary>The court that ordered it.</summary>
    public string Court { get; set; } = "";

    public string? Docket { get; set; }

    public string? Details { get; set; }

    public DateTime Deadline { get; set; }

    public string OrderedBy { get; set; } = "";

    public DateTime OrderedAt { get; set; }

    public string Status { get; set; } = Open;

    public DateTime? AnsweredAt { get; set; }

    /// <summary>Answered after the deadline.</summary>
    public bool AnsweredLate { get; set; }

    /// <summary>When the missed deadline was recorded and the court and sending state told.</summary>
    public DateTime? OverdueAt { get; set; }
}

/// <summary>The custodian's declaration answering a production request (projected from the ledger).</summary>
public sealed class WhereaboutsDeclaration
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>Who holds the person, as the register's current custody record says.</summary>
    public string Custodian { get; set; } = "";

    public string PlaceKind { get; set; } = "";

    public string? FacilityId { get; set; }

    public DateTime LastSeenAt { get; set; }

    public string SeenBy { get; set; } = "";

    /// <summary>The welfare check that proves the person was seen, or…</summary>
    public Guid? WelfareCheckId { get; set; }

    /// <summary>…the granted visit during which they were seen.</summary>
    public Guid? VisitId { get; set; }

    /// <summary>For a production: how and where the person was produced.</summary>
    public string? ProducedBy { get; set; }

    public string DeclaredBy { get; set; } = "";

    public DateTime DeclaredAt { get; set; }
}
