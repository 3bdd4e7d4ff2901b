using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Custody.Ledger;

/// <summary>
/// Canonical JSON in the manner of RFC 8785 (JCS): object members sorted by their UTF-16 code
/// units, no insignificant whitespace, minimal string escaping, numbers in their shortest
/// round-trip form. The same value gives the same bytes on every run and every database, which
/// is what lets two nodes compute the same ledger hashes.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        // JCS escapes only what JSON requires; the relaxed encoder keeps non-ASCII text as UTF-8.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>The canonical UTF-8 bytes of a JSON value.</summary>
    public static byte[] ToBytes(JsonNode? node) => ToBytes(writer => Write(writer, node));

    /// <summary>Bytes written by <paramref name="write"/> with the canonical writer settings.</summary>
    public static byte[] ToBytes(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The canonical text of a JSON value.</summary>
    public static string ToText(JsonNode? node) => Encoding.UTF8.GetString(ToBytes(node));

    /// <summary>The canonical text of a parsed JSON element.</summary>
    public static string ToText(JsonElement element) => ToText(JsonNodeFrom(element));

    /// <summary>A mutable node copy of an element.</summary>
    public static JsonNode? JsonNodeFrom(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => JsonValue.Create(element),
        _ => throw new ArgumentOutOfRangeException(nameof(element), element.ValueKind, "unknown JSON value kind"),
    };

    /// <summary>Writes a value in canonical form to a writer the caller owns.</summary>
    public static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValue value:
                WriteValue(writer, value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "unknown JSON node");
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetValue<string>());
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            case JsonValueKind.Null:
                writer.WriteNullValue();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(CanonicalNumber(value), skipInputValidation: true);
                break;
            case JsonValueKind.Undefined:
            case JsonValueKind.Object:
            case JsonValueKind.Array:
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.GetValueKind(), "not a JSON scalar");
        }
    }

    // Integers keep every digit; other numbers take the shortest text that round-trips as a double,
    // as JCS does (an integral double such as 5.0 is written 5).
    private static string CanonicalNumber(JsonValue value)
    {
        var text = value.ToJsonString();
        if (text.All(c => char.IsAsciiDigit(c) || c == '-'))
        {
            return text;
        }
        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JSON has no NaN or infinity");
        }
        if (Math.Floor(number) == number && Math.Abs(number) < 1e15)
        {
            return ((long)number).ToString(CultureInfo.InvariantCulture);
        }
        return number.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
    }
}
