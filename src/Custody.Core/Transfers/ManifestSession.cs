using Custody.Agreements;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>
/// One manifest loaded for a command, inside its unit of work (after the ledger lock, so what is
/// read here is what the command changes: two officials acting at once are serialized, and the
/// second sees the first's result). Every change is an event recorded through the unit of work.
/// </summary>
internal sealed class ManifestSession
{
    private readonly CustodyDbContext _db;

    private ManifestSession(UnitOfWork work, Manifest manifest, List<ManifestPerson> people, Agreement agreement, AgreementTerms terms)
    {
        _db = work.Db;
        Work = work;
        Manifest = manifest;
        People = people;
        Agreement = agreement;
        Terms = terms;
    }

    public Manifest Manifest { get; }

    public List<ManifestPerson> People { get; }

    public Agreement Agreement { get; }

    public AgreementTerms Terms { get; }

    /// <summary>The command's unit of work.</summary>
    public UnitOfWork Work { get; }

    /// <summary>Runs <paramref name="body"/> on the manifest inside one unit of work (given the instant it started); 404 when there is no such manifest.</summary>
    public static Task<Result<ManifestView>> RunAsync(CustodyDbContext db, TimeProvider time, ManifestId manifest,
        Func<ManifestSession, DateTimeOffset, Task<Result<ManifestView>>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(body);
        return UnitOfWork.RunAsync<ManifestView>(db, time, async work =>
        {
            var session = await LoadAsync(work, manifest, cancellationToken);
            return session is null ? new NotFound($"No manifest {manifest}.") : await body(session, time.GetUtcNow());
        }, cancellationToken);
    }

    /// <summary>As <see cref="RunAsync"/>, for a step that needs its reason (a removal, an unlock, a disembarkation, a substitution): 1 to 1000 characters, trimmed.</summary>
    public static Task<Result<ManifestView>> RunWithReasonAsync(CustodyDbContext db, TimeProvider time, ManifestId manifest, string? reason,
        Func<ManifestSession, string, DateTimeOffset, Task<Result<ManifestView>>> body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid([new FieldError("reason", "Required: why, 1 to 1000 characters.")])));
        }
        return RunAsync(db, time, manifest, (session, now) => body(session, reason.Trim(), now), cancellationToken);
    }

    public static async Task<ManifestSession?> LoadAsync(UnitOfWork work, ManifestId manifestId, CancellationToken cancellationToken)
    {
        var db = work.Db;
        var manifest = await db.Manifests.SingleOrDefaultAsync(m => m.Id == manifestId.Value, cancellationToken);
        if (manifest is null)
        {
            return null;
        }
        var people = await db.ManifestPeople.Where(p => p.ManifestId == manifestId.Value).ToListAsync(cancellationToken);
        var agreement = await db.Agreements.AsNoTracking().SingleAsync(a => a.Id == manifest.AgreementId, cancellationToken);
        var versions = await db.AgreementVersions.AsNoTracking().Where(v => v.AgreementId == agreement.Id).ToListAsync(cancellationToken);
        return new ManifestSession(work, manifest, people, agreement, AgreementTerms.From(agreement, versions));
    }

    public ManifestPerson? Person(PersonId person) => People.SingleOrDefault(p => p.PersonId == person.Value);

    /// <summary>Why a rule refused, as the caller reads it (a refusal in the manifest's state comes with that state); null when it allowed the step.</summary>
    public async Task<Failure?> RefusedAsync<T>(Decision<T> decision, CancellationToken cancellationToken)
        where T : class, ILedgerEvent<T> =>
        decision.Failure ?? (decision.Refusal is { } refusal ? await ConflictAsync(refusal, cancellationToken) : null);

    /// <summary>Screens one person at this step and instant: their blocking decision, or null when eligible.</summary>
    public async Task<Failure?> ScreenOneAsync(StepScreening screening, PersonId person, string step, DateTimeOffset at, string actor, CancellationToken cancellationToken)
    {
        var blocked = await ScreenAsync(screening, [person.Value], step, at, actor, cancellationToken);
        return blocked.Failure ?? (blocked.Value!.Count > 0 ? new Blocked(blocked.Value[0].Decision) : null);
    }

    /// <summary>Records an event about this manifest (a person added joins <see cref="People"/>).</summary>
    public LedgerEntry Record<T>(T change, string actor, DateTime? occurredAt = null)
        where T : class, ILedgerEvent<T>
    {
        var entry = Work.Record(change, actor, occurredAt);
        if (change is ManifestPersonAdded added)
        {
            People.Add(Work.Store.Find<ManifestPerson>(added.Manifest, added.Person)!);
        }
        return entry;
    }

    /// <summary>Supersedes the person's current custody record (the record names this manifest and its agreement).</summary>
    public void RecordCustody(PersonId personId, string @event, string custodian, string? onBehalfOf, string placeKind, string? facility, string legalAuthority,
        string funder, string? note, DateTime occurredAt, string actor) =>
        new CustodyChange(personId, @event, custodian, onBehalfOf, placeKind, facility, Manifest.Id, Manifest.AgreementId, legalAuthority, funder, note, occurredAt)
            .Record(Work, actor);

    /// <summary>The version in force now, or the failure that says none is.</summary>
    public VersionTerms? VersionInForce(DateTimeOffset at) => Terms.InForce(at, out _);

    public async Task<StateConflict> ConflictAsync(string message, CancellationToken cancellationToken) =>
        new(message, await ViewAsync(cancellationToken));

    public async Task<ManifestView> ViewAsync(CancellationToken cancellationToken)
    {
        var ids = People.Select(p => p.PersonId).ToList();
        var names = await _db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.ExternalId, p.GivenName, p.FamilyName }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var discrepancies = await _db.ManifestDiscrepancies.AsNoTracking().Where(d => d.ManifestId == Manifest.Id).ToListAsync(cancellationToken);
        discrepancies.AddRange(_db.ManifestDiscrepancies.Local.Where(d => d.ManifestId == Manifest.Id && !discrepancies.Any(x => x.Id == d.Id)));
        return ReadManifests.Of(Manifest, People, id => (names[id].ExternalId, names[id].GivenName, names[id].FamilyName),
            discrepancies.OrderBy(d => d.RecordedAt).ToList());
    }

    /// <summary>Screens these people at this step and instant, writing each snapshot; the blocked ones are returned.</summary>
    public async Task<Result<IReadOnlyList<BlockedPerson>>> ScreenAsync(StepScreening screening, IReadOnlyCollection<Guid> personIds, string step, DateTimeOffset at,
        string actor, CancellationToken cancellationToken)
    {
        // A return carries people home: going home is never forbidden, so no step of a return screens.
        if (personIds.Count == 0 || Manifest.IsReturn)
        {
            return Result<IReadOnlyList<BlockedPerson>>.Ok([]);
        }
        var decisions = await screening.ScreenManyAsync(Work, personIds, Manifest.AgreementId, step, at, actor, Manifest.Id, cancellationToken);
        if (decisions.Failure is { } failure)
        {
            return failure;
        }
        var externalIds = await _db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.ExternalId, cancellationToken);
        return decisions.Value!.Where(d => !d.Value.IsEligible)
            .Select(d => new BlockedPerson(d.Key, externalIds[d.Key], d.Value)).OrderBy(b => b.ExternalId, StringComparer.Ordinal).ToList();
    }
}
