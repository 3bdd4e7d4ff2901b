namespace Custody.Transfers;

/// <summary>
/// A death, serious injury, escape/disappearance or use of force, in transit (on a manifest) or
/// in a facility. Recording one queues, in the same transaction, the notices DOMAIN.md invariant 6
/// requires, each with a deadline.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; }

    /// <summary>One of <see cref="Kinds"/>.</summary>
    public string Kind { get; set; } = "";

    public Guid? ManifestId { get; set; }

    public string? FacilityId { get; set; }

    public Guid? PersonId { get; set; }

    public DateTime OccurredAt { get; set; }

    public string Details { get; set; } = "";

    /// <summary>For a death: the circumstances, the cause and where the remains went.</summary>
    public string? Circumstances { get; set; }

    public string? Cause { get; set; }

    public string? RemainsDestination { get; set; }

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public long Seq { get; set; }

    public const string Death = "death";
    public const string SeriousInjury = "serious-injury";
    public const string Escape = "escape";
    public const string UseOfForce = "use-of-force";

    public const string IllTreatmentAllegation = "ill-treatment-allegation";

    /// <summary>Incidents in transit.</summary>
    public static readonly IReadOnlyList<string> Kinds = [Death, SeriousInjury, Escape, UseOfForce];

    /// <summary>Incidents in a facility (an escape there is also a disappearance until the person is found).</summary>
    public static readonly IReadOnlyList<string> FacilityKinds = [Death, SeriousInjury, Escape, UseOfForce, IllTreatmentAllegation];
}

/// <summary>A <see cref="Incident"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record IncidentView(Guid Id, string Kind, Guid? ManifestId, string? FacilityId, Guid? PersonId, DateTime OccurredAt, string Details, string? Circumstances, string? Cause, string? RemainsDestination, string RecordedBy, DateTime RecordedAt, long Seq)
{
    public static IncidentView Of(Incident x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.Kind, x.ManifestId, x.FacilityId, x.PersonId, x.OccurredAt, x.Details, x.Circumstances, x.Cause, x.RemainsDestination, x.RecordedBy, x.RecordedAt, x.Seq);
    }
}
