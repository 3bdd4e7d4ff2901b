using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.InformationRequests;

/// <summary>
/// A request for a person's art. 18 information, filed by a relative (no account) or by counsel:
/// who asks, how to reach them, whom they seek, and the answer the custodian owes by a deadline.
/// The requester follows it through a secret link (only its SHA-256 is kept). A projection.
/// </summary>
public sealed class InformationRequest
{
    public const string Open = "open";
    public const string Answered = "answered";

    public Guid Id { get; set; }

    /// <summary>What the requester quotes (not secret): IR- and the id's first eight hex digits.</summary>
    public string Reference { get; set; } = "";

    /// <summary>SHA-256 (hex) of the secret in the status link; the secret itself is never stored.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime LinkExpiresAt { get; set; }

    public string RequesterName { get; set; } = "";

    public string Relationship { get; set; } = "";

    public string Contact { get; set; } = "";

    public string Language { get; set; } = "en";

    /// <summary>The search keys as given (locator form): identifier, or names; always the country of birth.</summary>
    public string Query { get; set; } = "{}";

    /// <summary>The person the keys matched when filed; null when they matched nobody (the answer says so).</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The facility holding the person when filed: its staff answer.</summary>
    public string? FacilityId { get; set; }

    public string FiledBy { get; set; } = "";

    public DateTime FiledAt { get; set; }

    public DateTime DueAt { get; set; }

    public string Status { get; set; } = Open;

    /// <summary>The answer as given (JSON): the art. 18 subset, a restriction with its ground, or that nobody matched.</summary>
    public string? Answer { get; set; }

    public string? AnsweredBy { get; set; }

    public DateTime? AnsweredAt { get; set; }

    public DateTime? OverdueAt { get; set; }

    public long LastSeq { get; set; }
}

/// <summary>Who asks and how to reach them, in which language.</summary>
public sealed record Requester(string Name, string Relationship, string Contact, string Language);

/// <summary>A request filed; the ledger keeps the requester's details like any register entry (salted, provable, never public).</summary>
public sealed record InformationRequestFiled(Guid Id, string Reference, string TokenHash, DateTime LinkExpiresAt, Requester Requester, JsonObject Query,
    DateTime DueAt, Guid? Person = null, string? Facility = null) : ILedgerEvent<InformationRequestFiled>
{
    public static string EntryKind => "information-request.filed";

    public string Subject() => Person is { } person ? "person:" + person : "information-request:" + Id;
}

/// <summary>The custodian's answer, as the requester reads it.</summary>
public sealed record InformationRequestAnswered(Guid Id, JsonObject Answer) : ILedgerEvent<InformationRequestAnswered>
{
    public static string EntryKind => "information-request.answered";

    public string Subject() => "information-request:" + Id;
}

/// <summary>The deadline passed unanswered: listed to inspectors and courts, escalated by notice.</summary>
public sealed record InformationRequestOverdue(Guid Id) : ILedgerEvent<InformationRequestOverdue>
{
    public static string EntryKind => "information-request.overdue";

    public string Subject() => "information-request:" + Id;
}

public static class InformationRequestsProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<InformationRequest>()
            .On<InformationRequestFiled>((e, entry, store) => store.Add(new InformationRequest
            {
                Id = e.Id, Reference = e.Reference, TokenHash = e.TokenHash, LinkExpiresAt = e.LinkExpiresAt, RequesterName = e.Requester.Name,
                Relationship = e.Requester.Relationship, Contact = e.Requester.Contact, Language = e.Requester.Language, Query = CanonicalJson.ToText(e.Query),
                PersonId = e.Person, FacilityId = e.Facility, FiledBy = entry.Actor, FiledAt = entry.RecordedAt, DueAt = e.DueAt, LastSeq = entry.Seq,
            }))
            .On<InformationRequestAnswered>((e, entry, store) =>
            {
                var request = Find(store, e.Id);
                request.Status = InformationRequest.Answered;
                request.Answer = CanonicalJson.ToText(e.Answer);
                request.AnsweredBy = entry.Actor;
                request.AnsweredAt = entry.RecordedAt;
                request.LastSeq = entry.Seq;
            })
            .On<InformationRequestOverdue>((e, entry, store) =>
            {
                var request = Find(store, e.Id);
                request.OverdueAt = entry.RecordedAt;
                request.LastSeq = entry.Seq;
            });
    }

    private static InformationRequest Find(IProjectionStore store, Guid id) =>
        store.Find<InformationRequest>(id) ?? throw new InvalidOperationException($"information request {id} does not exist");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(InformationRequestFiled))]
[JsonSerializable(typeof(InformationRequestAnswered))]
[JsonSerializable(typeof(InformationRequestOverdue))]
internal sealed partial class InformationRequestsEventsJson : JsonSerializerContext;
