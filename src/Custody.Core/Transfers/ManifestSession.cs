using System.Text.Json.Nodes;
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
/// second sees the first's result). Every change is an entry applied through <see cref="TransferEvents"/>.
/// </summary>
internal sealed class ManifestSession
{
    private readonly CustodyDbContext _db;
    private readonly LedgerWriter _ledger;

    private ManifestSession(CustodyDbContext db, LedgerWriter ledger, Manifest manifest, List<ManifestPerson> people, Agreement agreement, AgreementTerms terms)
    {
        _db = db;
        _ledger = ledger;
        Manifest = manifest;
        People = people;
        Agreement = agreement;
        Terms = terms;
        State = new DbTransferState(db);
    }

    public Manifest Manifest { get; }

    public List<ManifestPerson> People { get; }

    public Agreement Agreement { get; }

    public AgreementTerms Terms { get; }

    public DbTransferState State { get; }

    public LedgerWriter Ledger => _ledger;

    public static async Task<ManifestSession?> LoadAsync(CustodyDbContext db, LedgerWriter ledger, Guid manifestId, CancellationToken cancellationToken)
    {
        var manifest = await db.Manifests.SingleOrDefaultAsync(m => m.Id == manifestId, cancellationToken);
        if (manifest is null)
        {
            return null;
        }
        var people = await db.ManifestPeople.Where(p => p.ManifestId == manifestId).ToListAsync(cancellationToken);
        var agreement = await db.Agreements.AsNoTracking().SingleAsync(a => a.Id == manifest.AgreementId, cancellationToken);
        var versions = await db.AgreementVersions.AsNoTracking().Where(v => v.AgreementId == agreement.Id).ToListAsync(cancellationToken);
        return new ManifestSession(db, ledger, manifest, people, agreement, AgreementTerms.From(agreement, versions));
    }

    public ManifestPerson? Person(Guid personId) => People.SingleOrDefault(p => p.PersonId == personId);

    /// <summary>Appends an entry about this manifest and applies it.</summary>
    public LedgerEntry Apply(string kind, JsonObject payload, string actor, DateTime? occurredAt = null)
    {
        payload["manifest"] = Manifest.Id.ToString();
        var entry = _ledger.Append(kind, "manifest:" + Manifest.Id, payload, actor, occurredAt);
        TransferEvents.Apply(State, payload, entry);
        if (kind == LedgerKinds.ManifestPersonAdded)
        {
            People.Add(State.FindManifestPerson(Manifest.Id, Guid.Parse(payload["person"]!.GetValue<string>()))!);
        }
        return entry;
    }

    /// <summary>Supersedes the person's current custody record (the record names this manifest and its agreement).</summary>
    public void RecordCustody(Guid personId, string @event, string custodian, string? onBehalfOf, string placeKind, string? facility, string legalAuthority,
        string funder, string? note, DateTime occurredAt, string actor) =>
        new CustodyChange(personId, @event, custodian, onBehalfOf, placeKind, facility, Manifest.Id, Manifest.AgreementId, legalAuthority, funder, note, occurredAt)
            .Record(_ledger, State, actor);

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
        if (personIds.Count == 0)
        {
            return Result<IReadOnlyList<BlockedPerson>>.Ok([]);
        }
        var decisions = await screening.ScreenManyAsync(_ledger, personIds, Manifest.AgreementId, step, at, actor, Manifest.Id, cancellationToken);
        if (decisions.Failure is { } failure)
        {
            return failure;
        }
        var externalIds = await _db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.ExternalId, cancellationToken);
        return decisions.Value!.Where(d => !d.Value.IsEligible)
            .Select(d => new BlockedPerson(d.Key, externalIds[d.Key], d.Value)).OrderBy(b => b.ExternalId, StringComparer.Ordinal).ToList();
    }
}
