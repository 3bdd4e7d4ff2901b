using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Custody.Ledger;

/// <summary>
/// The one set of JSON options for ledger payloads: every feature's source-generated context (no
/// reflection at run time), camelCase names, absent optional values left out, instants and money
/// as fixed text, and strict reading (a missing required value or a null where none is allowed is
/// a malformed entry, not a default).
/// </summary>
public static class LedgerJson
{
    public static JsonSerializerOptions Options { get; } = Build();

    private static JsonSerializerOptions Build()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(LedgerProjectors.JsonContexts),
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            Converters = { new InstantJsonConverter(), new DecimalTextJsonConverter() },
        };
        options.MakeReadOnly();
        return options;
    }
}
