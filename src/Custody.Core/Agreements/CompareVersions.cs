using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Agreements;

/// <summary>One term of a version, by path (categories by id: <c>categories[convicted].enacted</c>), in both versions.</summary>
public sealed record TermComparison(string Path, string? Before, string? After)
{
    public bool Changed => Before != After;
}

public sealed record VersionComparison(string AgreementId, int Before, int After, IReadOnlyList<TermComparison> Terms)
{
    public IEnumerable<TermComparison> Changes => Terms.Where(t => t.Changed);
}

/// <summary>
/// Two versions of an agreement side by side: every term (categories, cap, term, regime, tariff,
/// facility standards) with its value in each, so a reader sees at once what a new version changed.
/// </summary>
public sealed class CompareVersions(CustodyDbContext db)
{
    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>; without numbers, the last two versions (or the only one with itself).</summary>
    public async Task<Result<VersionComparison>> RunAsync(string agreementId, int? before, int? after, CancellationToken cancellationToken = default)
    {
        var versions = await db.AgreementVersions.AsNoTracking().Where(v => v.AgreementId == agreementId).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return new NotFound($"No agreement {agreementId}.");
        }
        var a = before is { } b ? versions.SingleOrDefault(v => v.Number == b) : versions[Math.Max(0, versions.Count - 2)];
        var z = after is { } f ? versions.SingleOrDefault(v => v.Number == f) : versions[^1];
        if (a is null || z is null)
        {
            var missing = a is null ? before : after;
            return new NotFound($"Agreement {agreementId} has no version {missing}; it has {string.Join(", ", versions.Select(v => v.Number))}.");
        }
        var left = Flatten(a.DocumentObject());
        var right = Flatten(z.DocumentObject());
        var paths = left.Keys.Union(right.Keys).Where(p => p != "number").OrderBy(p => p, StringComparer.Ordinal);
        return new VersionComparison(agreementId, a.Number, z.Number,
            paths.Select(p => new TermComparison(p, left.GetValueOrDefault(p), right.GetValueOrDefault(p))).ToList());
    }

    /// <summary>Leaf values by path; arrays of objects with an id are keyed by it, other arrays compared whole.</summary>
    public static Dictionary<string, string> Flatten(JsonObject document)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(document, "", leaves);
        return leaves;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Walk(value, path.Length == 0 ? name : $"{path}.{name}", leaves);
                }
                break;
            case JsonArray array when array.Count > 0 && array.All(i => i is JsonObject o && o["id"] is JsonValue):
                foreach (var item in array)
                {
                    Walk(item, $"{path}[{item!["id"]!.GetValue<string>()}]", leaves);
                }
                break;
            default:
                leaves[path] = node is JsonValue v && v.TryGetValue(out string? text) ? text : CanonicalJson.ToText(node);
                break;
        }
    }
}
