using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.CourtOrders;

/// <summary>A court order as entered, in the case-bundle court-order shape: instants UTC, destinations ISO 3166 (none = removal anywhere).</summary>
public sealed record CourtOrderTerms(string Kind, string Court, DateTime IssuedAt, bool Verified, IReadOnlyList<string> Destinations,
    string? Docket = null, DateTime? ExpiresAt = null);

/// <summary>A court order naming the person entered in Custody (reported by counsel or a court), with where its scan is kept.</summary>
public sealed record CourtOrderEntered(Guid Id, Guid Person, CourtOrderTerms Order, string? DocumentReference = null) : ILedgerEvent<CourtOrderEntered>, IChangesLegalFacts
{
    public static string EntryKind => "court-order.entered";

    [JsonIgnore]
    public Guid? LegalFactsOf => Person;

    public string Subject() => "person:" + Person;
}

/// <summary>An entered court order verified (the entry names who verified it).</summary>
public sealed record CourtOrderVerified(Guid Id, Guid Person) : ILedgerEvent<CourtOrderVerified>, IChangesLegalFacts
{
    public static string EntryKind => "court-order.verified";

    [JsonIgnore]
    public Guid? LegalFactsOf => Person;

    public string Subject() => "person:" + Person;
}

/// <summary>An entered court order lifted by the court, at <see cref="LiftedAt"/>.</summary>
public sealed record CourtOrderLifted(Guid Id, Guid Person, DateTime LiftedAt) : ILedgerEvent<CourtOrderLifted>, IChangesLegalFacts
{
    public static string EntryKind => "court-order.lifted";

    [JsonIgnore]
    public Guid? LegalFactsOf => Person;

    public string Subject() => "person:" + Person;
}

/// <summary>
/// A re-imported bundle carried a copy of an order entered in Custody that says something
/// different (lifted, narrowed, un-lifted, re-dated): the copy is kept for legal review, the
/// court's record stands (screening sets the copy aside).
/// </summary>
public sealed record CourtOrderConflictRecorded(Guid Id, Guid Order, Guid Person, JsonObject Copy, string Import) : ILedgerEvent<CourtOrderConflictRecorded>
{
    public static string EntryKind => "court-order.conflict-recorded";

    public string Subject() => "person:" + Person;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(CourtOrderEntered))]
[JsonSerializable(typeof(CourtOrderVerified))]
[JsonSerializable(typeof(CourtOrderLifted))]
[JsonSerializable(typeof(CourtOrderConflictRecorded))]
internal sealed partial class CourtOrdersEventsJson : JsonSerializerContext;
