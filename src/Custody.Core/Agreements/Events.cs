using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Agreements;

/// <summary>
/// An agreement imported for the first time: its parties, title and end (null while open-ended;
/// written even when null, as the payload always has been).
/// </summary>
public sealed record AgreementRegistered(string Id, string Title, string SendingState, string ReceivingState,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTime? EffectiveUntil = null) : ILedgerEvent<AgreementRegistered>
{
    public static string EntryKind => "agreement.registered";

    public string Subject() => "agreement:" + Id;
}

/// <summary>A re-import changed an agreement's title or end; the parties are restated and never change.</summary>
public sealed record AgreementUpdated(string Id, string Title, string SendingState, string ReceivingState,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTime? EffectiveUntil = null) : ILedgerEvent<AgreementUpdated>, IChangesLegalFacts
{
    public static string EntryKind => "agreement.updated";

    [JsonIgnore]
    public Guid? LegalFactsOf => null;

    public string Subject() => "agreement:" + Id;
}

/// <summary>A version of an agreement's terms imported, as its canonical JSON in the agreement format; never changed afterwards.</summary>
public sealed record AgreementVersionAdded(string Agreement, JsonObject Version) : ILedgerEvent<AgreementVersionAdded>, IChangesLegalFacts
{
    public static string EntryKind => "agreement.version-added";

    [JsonIgnore]
    public Guid? LegalFactsOf => null;

    public string Subject() => "agreement:" + Agreement;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(AgreementRegistered))]
[JsonSerializable(typeof(AgreementUpdated))]
[JsonSerializable(typeof(AgreementVersionAdded))]
internal sealed partial class AgreementsEventsJson : JsonSerializerContext;
