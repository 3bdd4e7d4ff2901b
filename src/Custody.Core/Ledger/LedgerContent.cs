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
