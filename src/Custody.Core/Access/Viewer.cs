using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;
using Custody.People;
using Microsoft.EntityFrameworkCore;
using Custody.Persistence;

namespace Custody.Access;

/// <summary>
/// Who is acting or reading personal data. <see cref="CounselEmail"/> is set when the reader sees
/// people only as their counsel of record: then only clients whose case names that address with
/// <c>ofRecord: true</c> are visible, and anyone else reads as "not found". <see cref="Roles"/> are
/// the account's roles, for the rules that depend on who someone is (who may vouch for a day).
/// </summary>
public sealed record Viewer(string Actor, string? CounselEmail = null, IReadOnlyCollection<string>? Roles = null)
{
    /// <summary>The person, read without tracking, when this reader may see them; null (read as "not found") otherwise.</summary>
    public async Task<Person?> FindPersonAsync(CustodyDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        return person is not null && MaySee(person.FactsObject()) ? person : null;
    }

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
    public static async Task RecordAsync<T>(CustodyDbContext db, TimeProvider time, T read, string actor, CancellationToken cancellationToken)
        where T : class, ILedgerEvent<T>
    {
        ArgumentNullException.ThrowIfNull(db);
        await UnitOfWork.RunAsync(db, time, work =>
        {
            work.Record(read, actor);
            return Task.FromResult(Result<bool>.Ok(true));
        }, cancellationToken);
        db.ChangeTracker.Clear();
    }
}
