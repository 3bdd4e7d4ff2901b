using System.Security.Cryptography;
using System.Text.Json;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Imports;

/// <summary>
/// Imports a case bundle or an agreement, told apart by the <c>format</c> field. All or nothing:
/// the file is validated in full (schema plus the rules a schema cannot state) before anything is
/// written, and then applied in one transaction with its ledger entries.
/// </summary>
public sealed class ImportFile(CustodyDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>At most this many errors are reported; the rest are counted as "more".</summary>
    public const int MaxErrors = 100;

    /// <summary>Validates then applies the file; <paramref name="open"/> opens it from its start and is called once per pass.</summary>
    public async Task<Result<ImportSummary>> HandleAsync(Func<Stream> open, string actor, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        string? format;
        try
        {
            format = DetectFormat(open);
        }
        catch (JsonException ex)
        {
            return new Invalid([NotJson(ex)]);
        }
        byte[] digest;
        await using (var stream = open())
        {
            digest = await SHA256.HashDataAsync(stream, cancellationToken);
        }
        return format switch
        {
            FormatSchemas.CaseBundleFormat => await new ImportCaseBundle(db, time).HandleAsync(open, actor, digest, progress, cancellationToken),
            FormatSchemas.AgreementFormat => await new ImportAgreement(db, time).HandleAsync(open, actor, digest, cancellationToken),
            null => new Invalid([new FieldError("/format", $"The file has no \"format\" field; expected \"{FormatSchemas.CaseBundleFormat}\" or \"{FormatSchemas.AgreementFormat}\".")]),
            _ => new Invalid([new FieldError("/format", $"Unknown format \"{format}\"; expected \"{FormatSchemas.CaseBundleFormat}\" or \"{FormatSchemas.AgreementFormat}\".")]),
        };
    }

    internal static FieldError NotJson(JsonException ex) =>
        new("/", $"The file is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}): {ex.Message.Split(" LineNumber", 2)[0]}");

    /// <summary>The file's top-level format string, or null when it has none or is not JSON (the import then says why).</summary>
    public static string? TryDetectFormat(Func<Stream> open)
    {
        try
        {
            return DetectFormat(open);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Finds the top-level format string, reading as little as it can.</summary>
    private static string? DetectFormat(Func<Stream> open)
    {
        using var stream = open();
        using var reader = new StreamingJsonReader(stream);
        if (reader.ReadToken().Type != JsonTokenType.StartObject)
        {
            throw new JsonException("The file is not a JSON object.");
        }
        while (true)
        {
            var (type, name) = reader.ReadToken();
            if (type == JsonTokenType.EndObject)
            {
                return null;
            }
            if (name == "format" && reader.PeekTokenType() == JsonTokenType.String)
            {
                return reader.ReadToken().Text;
            }
            reader.SkipValue();
        }
    }
}
