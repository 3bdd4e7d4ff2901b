using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Discipline;

/// <summary>A disciplinary measure in the register (DOMAIN.md register fields): the offence, the hearing, the sanction and its duration. A projection.</summary>
public sealed class DisciplinaryMeasure
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string FacilityId { get; set; } = "";

    public string Offence { get; set; } = "";

    public DateTime HearingAt { get; set; }

    /// <summary>Whether the person was heard (rule 41: informed of the charge, able to defend themselves).</summary>
    public string HearingOutcome { get; set; } = "";

    public string Sanction { get; set; } = "";

    public DateOnly StartsOn { get; set; }

    public int Days { get; set; }

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public long Seq { get; set; }
}

/// <summary>A <see cref="DisciplinaryMeasure"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record DisciplinaryMeasureView(Guid Id, Guid PersonId, string FacilityId, string Offence, DateTime HearingAt, string HearingOutcome, string Sanction, DateOnly StartsOn, int Days, string RecordedBy, DateTime RecordedAt, long Seq)
{
    public static DisciplinaryMeasureView Of(DisciplinaryMeasure x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.PersonId, x.FacilityId, x.Offence, x.HearingAt, x.HearingOutcome, x.Sanction, x.StartsOn, x.Days, x.RecordedBy, x.RecordedAt, x.Seq);
    }
}

public sealed record DisciplinaryMeasureRecorded(Guid Id, Guid Person, string Facility, string Offence, DateTime HearingAt, string HearingOutcome, string Sanction,
    DateOnly StartsOn, int Days) : ILedgerEvent<DisciplinaryMeasureRecorded>
{
    public static string EntryKind => "discipline.measure-recorded";

    public string Subject() => "person:" + Person;
}

public static class DisciplineProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<DisciplinaryMeasure>()
            .On<DisciplinaryMeasureRecorded>((e, entry, store) => store.Add(new DisciplinaryMeasure
            {
                Id = e.Id, PersonId = e.Person, FacilityId = e.Facility, Offence = e.Offence, HearingAt = e.HearingAt, HearingOutcome = e.HearingOutcome,
                Sanction = e.Sanction, StartsOn = e.StartsOn, Days = e.Days, RecordedBy = entry.Actor, RecordedAt = entry.RecordedAt, Seq = entry.Seq,
            }));
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(DisciplinaryMeasureRecorded))]
internal sealed partial class DisciplineEventsJson : JsonSerializerContext;
