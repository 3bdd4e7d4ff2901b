using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Custody.Imports;
using Custody.Ledger;

namespace Custody.Facts;

/// <summary>A legal fact recorded in Custody for the person, in the case-bundle shape of its kind (fearClaims, notices, …).</summary>
public sealed record FactEntered(Guid Id, Guid Person, string Kind, JsonObject Fact) : ILedgerEvent<FactEntered>, IChangesLegalFacts
{
    public static string EntryKind => "fact.entered";

    [JsonIgnore]
    public Guid? LegalFactsOf => Person;

    public string Subject() => "person:" + Person;
}

/// <summary>An entered fact changed by an action (interview-scheduled, decided, resolved, reviewed, …): properties set, properties removed.</summary>
public sealed record FactUpdated(Guid Id, Guid Person, string Kind, string Action, JsonObject Set, IReadOnlyList<string> Removed) : ILedgerEvent<FactUpdated>, IChangesLegalFacts
{
    public static string EntryKind => "fact.updated";

    [JsonIgnore]
    public Guid? LegalFactsOf => Person;

    public string Subject() => "person:" + Person;

    public JsonChanges Changes() => new(Set, Removed);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(FactEntered))]
[JsonSerializable(typeof(FactUpdated))]
internal sealed partial class FactsEventsJson : JsonSerializerContext;
