using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Custody.Common;

/// <summary>
/// A typed register id: a use case that takes a manifest and a person cannot be handed them the
/// other way round. On the wire (route, JSON) it is the plain id, so no contract changes.
/// </summary>
public interface ITypedId<TSelf>
    where TSelf : struct, ITypedId<TSelf>
{
    static abstract TSelf From(Guid value);

    Guid Value { get; }
}

/// <summary>A person in the register.</summary>
[JsonConverter(typeof(TypedIdJsonConverter<PersonId>))]
public readonly record struct PersonId(Guid Value) : ITypedId<PersonId>, IParsable<PersonId>
{
    public static PersonId From(Guid value) => new(value);

    public static PersonId Parse(string s, IFormatProvider? provider) => new(Guid.Parse(s, provider));

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PersonId result)
    {
        var parsed = Guid.TryParse(s, provider, out var value);
        result = new(value);
        return parsed;
    }

    public override string ToString() => Value.ToString();

    public static implicit operator Guid(PersonId id) => id.Value;
}

/// <summary>A manifest (one movement: a flight or a convoy).</summary>
[JsonConverter(typeof(TypedIdJsonConverter<ManifestId>))]
public readonly record struct ManifestId(Guid Value) : ITypedId<ManifestId>, IParsable<ManifestId>
{
    public static ManifestId From(Guid value) => new(value);

    public static ManifestId Parse(string s, IFormatProvider? provider) => new(Guid.Parse(s, provider));

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ManifestId result)
    {
        var parsed = Guid.TryParse(s, provider, out var value);
        result = new(value);
        return parsed;
    }

    public override string ToString() => Value.ToString();

    public static implicit operator Guid(ManifestId id) => id.Value;
}

/// <summary>A facility of either state; its id is the code the agreement and bundles use (e.g. <c>CECOT</c>).</summary>
[JsonConverter(typeof(FacilityIdJsonConverter))]
public readonly record struct FacilityId(string Value) : IParsable<FacilityId>
{
    public static FacilityId Parse(string s, IFormatProvider? provider) => new(s);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FacilityId result)
    {
        result = new(s ?? "");
        return s is not null;
    }

    public override string ToString() => Value;

    public static implicit operator string(FacilityId id) => id.Value;
}

/// <summary>Reads and writes a typed id as the id's own text.</summary>
public sealed class TypedIdJsonConverter<T> : JsonConverter<T>
    where T : struct, ITypedId<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var value) ? value : throw new JsonException("An id is a UUID string."));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

/// <summary>Reads and writes a facility id as its code.</summary>
public sealed class FacilityIdJsonConverter : JsonConverter<FacilityId>
{
    public override FacilityId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A facility id is a string."));

    public override void Write(Utf8JsonWriter writer, FacilityId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
