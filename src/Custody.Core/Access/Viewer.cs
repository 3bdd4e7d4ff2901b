using System.Text.Json.Nodes;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Access;

/// <summary>
/// Who is reading personal data. <see cref="CounselEmail"/> is set when the reader sees people
/// only as their counsel of record: then only clients whose case names that address with
/// <c>ofRecord: true</c> are visible, and anyone else reads as "not found".
/// </summary>
public sealed record Viewer(string Actor, string? CounselEmail = null)
{
    public bool MaySee(JsonObject facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return CounselEmail is null || (facts["counsel"] as JsonArray ?? []).Any(c =>
            c?["ofRecord"]?.GetValue<bool>() == true
            && string.Equals(c["email"]?.GetValue<string>(), CounselEmail, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// Reads of personal records are ledgered like changes (kind <c>access.*</c>, no state table
/// changes): an access log that nobody can quietly trim or edit.
/// </summary>
public static class AccessLog
{
    public static async Task RecordAsync(CustodyDbContext db, TimeProvider time, string kind, string subject, JsonObject payload, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ledger = await LedgerWriter.OpenAsync(db, time, cancellationToken);
        ledger.Append(kind, subject, payload, actor);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
