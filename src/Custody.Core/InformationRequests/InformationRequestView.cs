using System.Text.Json.Nodes;

namespace Custody.InformationRequests;

/// <summary>What the filer gets once: the reference, the secret status link, and the deadline.</summary>
public sealed record FiledInformationRequest(string Reference, string StatusPath, DateTime DueAt);

/// <summary>A request as its requester reads it (through the status link), and as staff list it.</summary>
public sealed record InformationRequestView(Guid Id, string Reference, string Status, DateTime FiledAt, DateTime DueAt, bool Overdue, JsonObject? Answer, DateTime? AnsweredAt)
{
    /// <summary>Staff only: who asks, and whom they seek.</summary>
    public string? RequesterName { get; init; }
    public string? Relationship { get; init; }
    public string? Contact { get; init; }
    public string? Language { get; init; }
    public JsonObject? Query { get; init; }
    public Guid? PersonId { get; init; }
    public string? FacilityId { get; init; }

    /// <summary>What the requester reads: the status and the answer, nothing about who asked.</summary>
    public static InformationRequestView Public(InformationRequest x, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.Reference, x.Status, x.FiledAt, x.DueAt, x.Status == InformationRequest.Open && x.DueAt < now,
            x.Answer is null ? null : JsonNode.Parse(x.Answer)!.AsObject(), x.AnsweredAt);
    }

    public static InformationRequestView Staff(InformationRequest x, DateTime now) => Public(x, now) with
    {
        RequesterName = x.RequesterName, Relationship = x.Relationship, Contact = x.Contact, Language = x.Language,
        Query = JsonNode.Parse(x.Query)!.AsObject(), PersonId = x.PersonId, FacilityId = x.FacilityId,
    };
}

/// <summary>
/// How long the custodian has to answer. One deadline for every request: a deadline that depended on
/// the agreement the person is held under would tell the filer that the person exists.
/// </summary>
public sealed class InformationRequestOptions
{
    public int AnswerHours { get; set; } = 48;

    /// <summary>How long the status link works.</summary>
    public int LinkDays { get; set; } = 90;
}
