using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.People;

/// <summary>A person with every legal fact on record, as last imported.</summary>
public sealed record PersonDetail(PersonSummary Summary, string? Sex, IReadOnlyList<string> Languages, JsonObject Facts, int Revision, DateTime RegisteredAt, DateTime UpdatedAt);

/// <summary>One ledger entry about a person, with the properties it changed.</summary>
public sealed record PersonHistoryEntry(long Seq, string Kind, DateTime OccurredAt, DateTime RecordedAt, string Actor, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed);

/// <summary>Reads one person; every read is written to the access log before the data is returned.</summary>
public sealed class GetPerson(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<PersonDetail>> RunAsync(Guid id, Viewer viewer, string via, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var person = await viewer.FindPersonAsync(db, id, cancellationToken);
        if (person is null)
        {
            return new NotFound($"No person {id} in the register.");
        }
        await AccessLog.RecordAsync(db, time, new PersonViewed(id, via), viewer.Actor, cancellationToken);
        return new PersonDetail(SearchPeople.Summarize(person), person.Sex, person.Languages.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            person.FactsObject(), person.Revision, person.RegisteredAt, person.UpdatedAt);
    }

    /// <summary>The ledger entries about a person, oldest first: registrations, updates and reads.</summary>
    public async Task<Result<IReadOnlyList<PersonHistoryEntry>>> HistoryAsync(Guid id, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, id, cancellationToken) is null)
        {
            return new NotFound($"No person {id} in the register.");
        }
        var subject = "person:" + id;
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.Seq).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<PersonHistoryEntry>>.Ok(entries.Select(Describe).ToList());
    }

    private static PersonHistoryEntry Describe(LedgerEntry entry)
    {
        var payload = LedgerContent.Parse(entry.Content).Payload;
        var changed = entry.Kind switch
        {
            LedgerKinds.PersonRegistered => payload["person"]!.AsObject().Select(p => p.Key).ToList(),
            LedgerKinds.PersonUpdated => payload["set"]!.AsObject().Select(p => p.Key).ToList(),
            LedgerKinds.CourtOrderEntered or LedgerKinds.CourtOrderVerified or LedgerKinds.CourtOrderLifted => ["courtOrders"],
            LedgerKinds.FactEntered or LedgerKinds.FactUpdated => [payload["kind"]!.GetValue<string>()],
            _ => [],
        };
        var removed = entry.Kind == LedgerKinds.PersonUpdated ? payload["removed"]!.AsArray().Select(n => n!.GetValue<string>()).ToList() : [];
        return new PersonHistoryEntry(entry.Seq, entry.Kind, entry.OccurredAt, entry.RecordedAt, entry.Actor, changed, removed);
    }
}
