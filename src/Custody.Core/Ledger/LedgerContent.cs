using System.Text.Json;
using System.Text.Json.Nodes;
using Custody.Common;

namespace Custody.Ledger;

/// <summary>The fields of a ledger entry as they were hashed.</summary>
public sealed record LedgerContent(
    long Seq,
    DateTime OccurredAt,
    DateTime RecordedAt,
    string Actor,
    string Kind,
    string Subject,
    JsonObject Payload,
    byte[] Salt)
{
    /// <summary>
    /// The canonical bytes that the leaf hash covers. <paramref name="canonicalPayload"/>, when given,
    /// is the payload already in canonical form (written as is, so a large payload is not
    /// canonicalized twice); it must be exactly what canonicalizing <see cref="Payload"/> gives.
    /// </summary>
    public byte[] ToCanonicalBytes(byte[]? canonicalPayload = null) => CanonicalJson.ToBytes(writer =>
    {
        // Members in canonical (code-unit) order; the payload is canonicalized in place, not copied.
        writer.WriteStartObject();
        writer.WriteString("actor", Actor);
        writer.WriteString("kind", Kind);
        writer.WriteString("occurredAt", Instants.ToText(OccurredAt));
        writer.WritePropertyName("payload");
        if (canonicalPayload is null)
        {
            CanonicalJson.Write(writer, Payload);
        }
        else
        {
            writer.WriteRawValue(canonicalPayload, skipInputValidation: true);
        }
        writer.WriteString("recordedAt", Instants.ToText(RecordedAt));
        writer.WriteString("salt", Convert.ToHexStringLower(Salt));
        writer.WriteNumber("seq", Seq);
        writer.WriteString("subject", Subject);
        writer.WriteEndObject();
    });

    /// <summary>Reads stored bytes; throws <see cref="FormatException"/> when they are not a well-formed entry.</summary>
    public static LedgerContent Parse(byte[] content)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(content) as JsonObject ?? throw new FormatException("entry content is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"entry content is not JSON: {ex.Message}", ex);
        }
        try
        {
            return new LedgerContent(
                obj["seq"]!.GetValue<long>(),
                Instants.Parse(obj["occurredAt"]!.GetValue<string>()),
                Instants.Parse(obj["recordedAt"]!.GetValue<string>()),
                obj["actor"]!.GetValue<string>(),
                obj["kind"]!.GetValue<string>(),
                obj["subject"]!.GetValue<string>(),
                obj["payload"]!.AsObject(),
                Convert.FromHexString(obj["salt"]!.GetValue<string>()));
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException or JsonException)
        {
            throw new FormatException($"entry content lacks a field or has one of the wrong type: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// An entry's hashed fields read straight from its stored bytes, the payload left as the bytes it
/// is: verification deserializes it once, into its event type, without building a JSON tree first.
/// </summary>
public readonly record struct StoredContent(long Seq, DateTime OccurredAt, DateTime RecordedAt, string Actor, string Kind, string Subject, ReadOnlyMemory<byte> Payload)
{
    /// <exception cref="FormatException">The bytes are not a well-formed entry.</exception>
    public static StoredContent Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            var reader = new Utf8JsonReader(content);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatException("entry content is not a JSON object");
            }
            long? seq = null;
            string? occurredAt = null, recordedAt = null, actor = null, kind = null, subject = null, salt = null;
            ReadOnlyMemory<byte>? payload = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "seq": seq = reader.GetInt64(); break;
                    case "occurredAt": occurredAt = reader.GetString(); break;
                    case "recordedAt": recordedAt = reader.GetString(); break;
                    case "actor": actor = reader.GetString(); break;
                    case "kind": kind = reader.GetString(); break;
                    case "subject": subject = reader.GetString(); break;
                    case "salt": salt = reader.GetString(); break;
                    case "payload":
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new FormatException("the payload is not a JSON object");
                        }
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        payload = content.AsMemory(start, (int)reader.BytesConsumed - start);
                        break;
                    default: reader.Skip(); break;
                }
            }
            if (seq is null || occurredAt is null || recordedAt is null || actor is null || kind is null || subject is null || payload is null || salt is null)
            {
                throw new FormatException("entry content lacks a field");
            }
            return new StoredContent(seq.Value, Instants.Parse(occurredAt), Instants.Parse(recordedAt), actor, kind, subject, payload.Value);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException($"entry content is not a well-formed entry: {ex.Message}", ex);
        }
    }
}
