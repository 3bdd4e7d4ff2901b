using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.CourtOrders;
using Custody.Facts;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.People;

/// <summary>A person with every legal fact on record, as last imported.</summary>
public sealed record PersonDetail(PersonSummary Summary, string? Sex, IReadOnlyList<string> Languages, JsonObject Facts, int Revision, DateTime RegisteredAt, DateTime UpdatedAt);

/// <summary>One ledger entry about a person, with the properties it changed.</summary>
public sealed record PersonHistoryEntry(long Seq, string Kind, DateTime OccurredAt, DateTime RecordedAt, string Actor, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed);

/// <summary>Reads one person; every read is written to the access log before the data is returned.</summary>
public sealed class GetPerson(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<PersonDetail>> RunAsync(Guid id, Viewer viewer, string via, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var person = await viewer.FindPersonAsync(db, id, cancellationToken);
        if (person is null)
        {
            return new NotFound($"No person {id} in the register.");
        }
        await AccessLog.RecordAsync(db, time, new PersonViewed(id, via, viewer.Roles?.ToList()), viewer.Actor, cancellationToken);
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
        // Counsel learn that their client's file was read, and by which role (PersonReads), but not by whom.
        var hideReaders = viewer.CounselEmail is not null;
        return Result<IReadOnlyList<PersonHistoryEntry>>.Ok(entries.Select(Describe)
            .Select(h => hideReaders && h.Kind.StartsWith("access.", StringComparison.Ordinal) ? h with { Actor = "hidden" } : h).ToList());
    }

    // The kinds that change a person's facts; the others about a person (reads, custody, …) change none.
    private static readonly HashSet<string> FactKinds = new(StringComparer.Ordinal)
    {
        PersonRegistered.EntryKind, PersonUpdated.EntryKind, CourtOrderEntered.EntryKind, CourtOrderVerified.EntryKind, CourtOrderLifted.EntryKind,
        FactEntered.EntryKind, FactUpdated.EntryKind,
    };

    private static PersonHistoryEntry Describe(LedgerEntry entry)
    {
        var change = FactKinds.Contains(entry.Kind) ? EventRegistry.Default.Read(entry.Kind, LedgerContent.Parse(entry.Content).Payload) : null;
        IReadOnlyList<string> changed = change switch
        {
            PersonRegistered registered => registered.Person.Select(p => p.Key).ToList(),
            PersonUpdated updated => updated.Set.Select(p => p.Key).ToList(),
            CourtOrderEntered or CourtOrderVerified or CourtOrderLifted => ["courtOrders"],
            FactEntered fact => [fact.Kind],
            FactUpdated fact => [fact.Kind],
            _ => [],
        };
        var removed = change is PersonUpdated { Removed: var names } ? names : [];
        return new PersonHistoryEntry(entry.Seq, entry.Kind, entry.OccurredAt, entry.RecordedAt, entry.Actor, changed, removed);
    }
}
