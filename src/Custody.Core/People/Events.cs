using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Custody.Imports;
using Custody.Ledger;

namespace Custody.People;

/// <summary>A person entered in the register with their facts as the case bundle states them (identity and every legal fact).</summary>
public sealed record PersonRegistered(Guid Id, JsonObject Person) : ILedgerEvent<PersonRegistered>
{
    public static string EntryKind => "person.registered";

    /// <summary>The facts' canonical text, when the importer has it already (not part of the payload: it is the payload's <c>person</c>).</summary>
    [JsonIgnore]
    public string? CanonicalFacts { get; init; }

    public string Subject() => "person:" + Id;
}

/// <summary>A re-import changed a person's facts: top-level properties set to new values, properties removed.</summary>
public sealed record PersonUpdated(Guid Id, string ExternalId, JsonObject Set, IReadOnlyList<string> Removed) : ILedgerEvent<PersonUpdated>, IChangesLegalFacts
{
    public static string EntryKind => "person.updated";

    [JsonIgnore]
    public Guid? LegalFactsOf => Id;

    public string Subject() => "person:" + Id;

    public JsonChanges Changes() => new(Set, Removed);
}

/// <summary>
/// A class order recorded, in the case-bundle <c>classOrder</c> format: by import (unverified), or
/// entered by a court or legal reviewer (verified: the court's record, which no import changes).
/// </summary>
public sealed record ClassOrderRecorded(JsonObject Order, bool Verified = false) : ILedgerEvent<ClassOrderRecorded>, IChangesLegalFacts
{
    public static string EntryKind => "class-order.recorded";

    [JsonIgnore]
    public Guid? LegalFactsOf => null;

    public string Subject() => "class-order:" + Order["id"]!.GetValue<string>();
}

/// <summary>A class order changed (re-imported, or lifted): top-level properties set, properties removed.</summary>
public sealed record ClassOrderUpdated(string Id, JsonObject Set, IReadOnlyList<string> Removed) : ILedgerEvent<ClassOrderUpdated>, IChangesLegalFacts
{
    public static string EntryKind => "class-order.updated";

    [JsonIgnore]
    public Guid? LegalFactsOf => null;

    public string Subject() => "class-order:" + Id;

    public JsonChanges Changes() => new(Set, Removed);
}

/// <summary>A court or legal reviewer confirmed an imported class order against the court's own record: from now on imports never change it.</summary>
public sealed record ClassOrderVerified(string Id) : ILedgerEvent<ClassOrderVerified>
{
    public static string EntryKind => "class-order.verified";

    public string Subject() => "class-order:" + Id;
}

/// <summary>
/// A bundle carried a copy of a court's class order that differs from the court's record: the copy
/// is kept for legal review, the court's record stands.
/// </summary>
public sealed record ClassOrderConflictRecorded(Guid Id, string Order, JsonObject Copy, string Import) : ILedgerEvent<ClassOrderConflictRecorded>
{
    public static string EntryKind => "class-order.conflict-recorded";

    public string Subject() => "class-order:" + Order;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(PersonRegistered))]
[JsonSerializable(typeof(PersonUpdated))]
[JsonSerializable(typeof(ClassOrderRecorded))]
[JsonSerializable(typeof(ClassOrderUpdated))]
[JsonSerializable(typeof(ClassOrderVerified))]
[JsonSerializable(typeof(ClassOrderConflictRecorded))]
internal sealed partial class PeopleEventsJson : JsonSerializerContext;
