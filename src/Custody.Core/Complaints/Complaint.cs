using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Complaints;

/// <summary>
/// A request or complaint by a person held, their counsel or a relative (Mandela Rules 56–57):
/// received, acknowledged and answered, each by a deadline; a complaint of ill-treatment is referred
/// at once to the independent authority. A projection.
/// </summary>
public sealed class Complaint
{
    public const string Request = "request";
    public const string Ordinary = "complaint";
    public const string IllTreatment = "ill-treatment";
    public static readonly IReadOnlyList<string> Kinds = [Request, Ordinary, IllTreatment];
    public static readonly IReadOnlyList<string> Filers = ["person", "counsel", "relative"];

    public const string Received = "received";
    public const string Acknowledged = "acknowledged";
    public const string Answered = "answered";

    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public string? FacilityId { get; set; }

    /// <summary>person, counsel or relative.</summary>
    public string FiledBy { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Text { get; set; } = "";

    public string Status { get; set; } = Received;

    public string RecordedBy { get; set; } = "";

    public DateTime ReceivedAt { get; set; }

    public DateTime AcknowledgeBy { get; set; }

    public DateTime AnswerBy { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public string? Answer { get; set; }

    public string? AnsweredBy { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>When a complaint of ill-treatment was referred to the independent authority (in the same transaction as its receipt).</summary>
    public DateTime? ReferredAt { get; set; }

    public long LastSeq { get; set; }
}

public sealed record ComplaintReceived(Guid Id, Guid Person, string FiledBy, string Kind, string Text, DateTime AcknowledgeBy, DateTime AnswerBy,
    string? Facility = null, bool Referred = false) : ILedgerEvent<ComplaintReceived>
{
    public static string EntryKind => "complaint.received";

    public string Subject() => "person:" + Person;
}

public sealed record ComplaintAcknowledged(Guid Id, Guid Person) : ILedgerEvent<ComplaintAcknowledged>
{
    public static string EntryKind => "complaint.acknowledged";

    public string Subject() => "person:" + Person;
}

public sealed record ComplaintAnswered(Guid Id, Guid Person, string Answer) : ILedgerEvent<ComplaintAnswered>
{
    public static string EntryKind => "complaint.answered";

    public string Subject() => "person:" + Person;
}

public static class ComplaintsProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<Complaint>()
            .On<ComplaintReceived>((e, entry, store) => store.Add(new Complaint
            {
                Id = e.Id, PersonId = e.Person, FacilityId = e.Facility, FiledBy = e.FiledBy, Kind = e.Kind, Text = e.Text, RecordedBy = entry.Actor,
                ReceivedAt = entry.RecordedAt, AcknowledgeBy = e.AcknowledgeBy, AnswerBy = e.AnswerBy, ReferredAt = e.Referred ? entry.RecordedAt : null, LastSeq = entry.Seq,
            }))
            .On<ComplaintAcknowledged>((e, entry, store) =>
            {
                var complaint = Find(store, e.Id);
                complaint.Status = Complaint.Acknowledged;
                complaint.AcknowledgedAt = entry.RecordedAt;
                complaint.LastSeq = entry.Seq;
            })
            .On<ComplaintAnswered>((e, entry, store) =>
            {
                var complaint = Find(store, e.Id);
                complaint.Status = Complaint.Answered;
                complaint.AcknowledgedAt ??= entry.RecordedAt;
                complaint.Answer = e.Answer;
                complaint.AnsweredBy = entry.Actor;
                complaint.AnsweredAt = entry.RecordedAt;
                complaint.LastSeq = entry.Seq;
            });
    }

    private static Complaint Find(IProjectionStore store, Guid id) => store.Find<Complaint>(id) ?? throw new InvalidOperationException($"complaint {id} does not exist");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(ComplaintReceived))]
[JsonSerializable(typeof(ComplaintAcknowledged))]
[JsonSerializable(typeof(ComplaintAnswered))]
internal sealed partial class ComplaintsEventsJson : JsonSerializerContext;
