using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Custody.Common;

namespace Custody.Ledger;

/// <summary>
/// A change as the ledger records it: one immutable record type per entry kind, in its feature's
/// <c>Events.cs</c>. Its public properties are the entry's payload, serialized canonically through
/// the feature's source-generated <see cref="JsonSerializerContext"/>. A kind's schema may gain
/// optional (nullable) properties; a breaking change is a new kind.
/// </summary>
public interface ILedgerEvent
{
    /// <summary>What the entry is about (<c>person:{id}</c>, <c>manifest:{id}</c>, …): the ledger's subject column.</summary>
    string Subject();
}

/// <summary>A ledger event type with its stable kind name, declared once, on the type: it is hashed into history.</summary>
public interface ILedgerEvent<TSelf> : ILedgerEvent
    where TSelf : class, ILedgerEvent<TSelf>
{
    static abstract string EntryKind { get; }
}

/// <summary>An event that changes what screening may decide about people: the reactions re-screen those on locked or moving manifests.</summary>
public interface IChangesLegalFacts
{
    /// <summary>The person whose facts changed, or null when anyone's may have (a class order, an agreement's terms).</summary>
    Guid? LegalFactsOf { get; }
}

/// <summary>Instants in payloads as <see cref="Instants.ToText"/> writes them: UTC, fixed precision, one text per instant.</summary>
public sealed class InstantJsonConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Instants.Parse(reader.GetString()!) : throw new JsonException("An instant is an RFC 3339 string.");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Instants.ToText(value));
    }
}

/// <summary>Decimals in payloads (money, measures) as decimal text ("54.79"), never a binary number: exact, and the same text every time.</summary>
public sealed class DecimalTextJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && decimal.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException("A decimal is written as a string.");

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
