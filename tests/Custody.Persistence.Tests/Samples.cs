using System.Text;
using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Imports;

namespace Custody.Persistence.Tests;

/// <summary>The sample files of shared/formats (embedded in Core), and variations on them.</summary>
public static class Samples
{
    public static string Agreement => FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json");

    public static string Bundle => FormatSchemas.ReadEmbedded("sample.case-bundle.json");

    public static JsonObject BundleObject() => JsonNode.Parse(Bundle)!.AsObject();

    public static JsonObject AgreementObject() => JsonNode.Parse(Agreement)!.AsObject();

    public static Task<Result<ImportSummary>> ImportAsync(CustodyDbContext db, string json, TimeProvider? time = null)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return new ImportFile(db, time ?? TimeProvider.System).HandleAsync(() => new MemoryStream(bytes), "test:import");
    }

    public static async Task<ImportSummary> ImportOkAsync(CustodyDbContext db, string json)
    {
        var result = await ImportAsync(db, json);
        Assert.True(result.Succeeded, result.Failure is Invalid invalid ? string.Join("; ", invalid.Errors) : result.Failure?.Message);
        return result.Value!;
    }
}
