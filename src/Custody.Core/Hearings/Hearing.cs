using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Hearings;

/// <summary>The judicial process in the register (DOMAIN.md register fields): a hearing's court, date and purpose, whether counsel was present, and its outcome. A projection.</summary>
public sealed class Hearing
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string Court { get; set; } = "";

    public string? Docket { get; set; }

    public DateTime At { get; set; }

    public string Purpose { get; set; } = "";

    public bool? CounselPresent { get; set; }

    public string? Outcome { get; set; }

    public string ScheduledBy { get; set; } = "";

    public string? HeldRecordedBy { get; set; }

    public long LastSeq { get; set; }
}

/// <summary>A <see cref="Hearing"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record HearingView(Guid Id, Guid PersonId, string Court, string? Docket, DateTime At, string Purpose, bool? CounselPresent, string? Outcome, string ScheduledBy, string? HeldRecordedBy, long LastSeq)
{
    public static HearingView Of(Hearing x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.PersonId, x.Court, x.Docket, x.At, x.Purpose, x.CounselPresent, x.Outcome, x.ScheduledBy, x.HeldRecordedBy, x.LastSeq);
    }
}

public sealed record HearingScheduled(Guid Id, Guid Person, string Court, DateTime At, string Purpose, string? Docket = null) : ILedgerEvent<HearingScheduled>
{
    public static string EntryKind => "hearing.scheduled";

    public string Subject() => "person:" + Person;
}

public sealed record HearingHeld(Guid Id, Guid Person, bool CounselPresent, string Outcome) : ILedgerEvent<HearingHeld>
{
    public static string EntryKind => "hearing.held";

    public string Subject() => "person:" + Person;
}

public static class HearingsProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<Hearing>()
            .On<HearingScheduled>((e, entry, store) => store.Add(new Hearing
            {
                Id = e.Id, PersonId = e.Person, Court = e.Court, Docket = e.Docket, At = e.At, Purpose = e.Purpose, ScheduledBy = entry.Actor, LastSeq = entry.Seq,
            }))
            .On<HearingHeld>((e, entry, store) =>
            {
                var hearing = store.Find<Hearing>(e.Id) ?? throw new InvalidOperationException($"hearing {e.Id} does not exist");
                hearing.CounselPresent = e.CounselPresent;
                hearing.Outcome = e.Outcome;
                hearing.HeldRecordedBy = entry.Actor;
                hearing.LastSeq = entry.Seq;
            });
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(HearingScheduled))]
[JsonSerializable(typeof(HearingHeld))]
internal sealed partial class HearingsEventsJson : JsonSerializerContext;
