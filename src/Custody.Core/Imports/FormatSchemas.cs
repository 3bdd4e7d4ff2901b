using System.Reflection;
using System.Text.Json;
using Custody.Common;
using Json.Schema;

namespace Custody.Imports;

/// <summary>
/// The project's own copies of the exchange formats' JSON Schemas (draft 2020-12), validated with
/// JsonSchema.Net. Formats (date, date-time) are asserted, not merely annotated: an outside system
/// must send what the schema says.
/// </summary>
public static class FormatSchemas
{
    public const string CaseBundleFormat = "custody.case-bundle/1";
    public const string AgreementFormat = "custody.agreement/1";

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    // Pass/fail only, without annotations: several times faster, and nearly every instance passes.
    private static readonly EvaluationOptions FastCheck = CreateFastCheck();

    private static readonly Lazy<(JsonSchema Bundle, JsonSchema Person, JsonSchema Agreement, JsonSchema ClassOrder)> Schemas = new(Load);

    /// <summary>The whole case bundle (used with its persons array emptied: people are checked one by one).</summary>
    public static JsonSchema CaseBundle => Schemas.Value.Bundle;

    /// <summary>One person of a case bundle (<c>#/$defs/person</c>).</summary>
    public static JsonSchema Person => Schemas.Value.Person;

    public static JsonSchema Agreement => Schemas.Value.Agreement;

    /// <summary>One class order of a case bundle (<c>#/$defs/classOrder</c>), also what the API takes to enter one.</summary>
    public static JsonSchema ClassOrder => Schemas.Value.ClassOrder;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> FactSchemas = new(StringComparer.Ordinal);

    /// <summary>One item of a person's list of facts of the given kind (e.g. <c>fearClaims</c>), as the case-bundle format states it.</summary>
    public static JsonSchema Fact(string kind) => FactSchemas.GetOrAdd(kind, k =>
    {
        _ = Schemas.Value; // the bundle schema must be registered first
        return JsonSchema.FromText($$"""{ "$ref": "https://custody.example/formats/case-bundle/1#/$defs/person/properties/{{k}}/items" }""", SharedOptions,
            new Uri($"https://custody.example/formats/case-bundle/1/fact-{k}"));
    });

    /// <summary>The text of an embedded format file (schemas and samples).</summary>
    public static string ReadEmbedded(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Custody.Formats.{fileName}")
            ?? throw new FileNotFoundException($"embedded format file {fileName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Validates an instance; each error carries its JSON Pointer, prefixed with where the instance sits.</summary>
    public static IEnumerable<FieldError> Validate(JsonSchema schema, JsonElement instance, string pointerPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Evaluate(instance, FastCheck).IsValid)
        {
            yield break;
        }
        var results = schema.Evaluate(instance, Evaluation);
        if (results.IsValid)
        {
            yield break;
        }
        var seen = new HashSet<(string, string)>();
        foreach (var node in new[] { results }.Concat(results.Details ?? []))
        {
            if (node.Errors is null)
            {
                continue;
            }
            var location = pointerPrefix + node.InstanceLocation;
            foreach (var (keyword, message) in node.Errors)
            {
                if (seen.Add((location, message)))
                {
                    yield return new FieldError(location.Length == 0 ? "/" : location, Explain(keyword, message, location));
                }
            }
        }
    }

    // A property that additionalProperties: false forbids fails against the "false" schema, whose
    // own message does not say what is wrong; say it.
    private static string Explain(string keyword, string message, string location) =>
        keyword.Length == 0 && message.Contains("false schema", StringComparison.Ordinal)
            ? $"Property \"{location[(location.LastIndexOf('/') + 1)..]}\" is not allowed here (additionalProperties)."
            : $"{message} ({keyword})";

    private static readonly BuildOptions SharedOptions = new() { SchemaRegistry = new SchemaRegistry() };

    private static EvaluationOptions CreateFastCheck()
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
        options.IgnoreAllAnnotations();
        return options;
    }

    private static (JsonSchema, JsonSchema, JsonSchema, JsonSchema) Load()
    {
        var options = SharedOptions;
        var bundle = JsonSchema.FromText(ReadEmbedded("case-bundle.schema.json"), options);
        var agreement = JsonSchema.FromText(ReadEmbedded("agreement.schema.json"), options);
        var person = JsonSchema.FromText("""{ "$ref": "https://custody.example/formats/case-bundle/1#/$defs/person" }""", options,
            new Uri("https://custody.example/formats/case-bundle/1/person-entry"));
        var classOrder = JsonSchema.FromText("""{ "$ref": "https://custody.example/formats/case-bundle/1#/$defs/classOrder" }""", options,
            new Uri("https://custody.example/formats/case-bundle/1/class-order-entry"));
        return (bundle, person, agreement, classOrder);
    }
}
