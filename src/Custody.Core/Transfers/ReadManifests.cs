using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>Manifest reads for the board, the manifest page and the reconciliation report.</summary>
public sealed class ReadManifests(CustodyDbContext db) : IUseCase
{
    public sealed record BoardRow(Guid Id, string AgreementId, string Carrier, string Movement, string OriginFacilityId, string DestinationFacilityId,
        DateTime ScheduledDeparture, string Status, int Principals, int Alternates, int Alerts);

    /// <summary>Every manifest, newest departure first, with head counts and open alerts.</summary>
    public async Task<IReadOnlyList<BoardRow>> BoardAsync(string? status, CancellationToken cancellationToken = default)
    {
        var manifests = db.Manifests.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            manifests = manifests.Where(m => m.Status == status);
        }
        var rows = await manifests.OrderByDescending(m => m.ScheduledDeparture).Take(500).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var people = await db.ManifestPeople.AsNoTracking().Where(p => ids.Contains(p.ManifestId))
            .Select(p => new { p.ManifestId, p.Role, p.Status, p.Alert }).ToListAsync(cancellationToken);
        var byManifest = people.ToLookup(p => p.ManifestId);
        return rows.Select(m =>
        {
            var on = byManifest[m.Id].Where(p => p.Status is not (ManifestPersonStatuses.Removed or ManifestPersonStatuses.SubstitutedOut)).ToList();
            return new BoardRow(m.Id, m.AgreementId, m.Carrier, m.Movement, m.OriginFacilityId, m.DestinationFacilityId, m.ScheduledDeparture, m.Status,
                on.Count(p => p.Role == ManifestRoles.Principal), on.Count(p => p.Role == ManifestRoles.Alternate), on.Count(p => p.Alert is not null));
        }).ToList();
    }

    public async Task<ManifestView?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var manifest = await db.Manifests.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (manifest is null)
        {
            return null;
        }
        var people = await db.ManifestPeople.AsNoTracking().Where(p => p.ManifestId == id).ToListAsync(cancellationToken);
        var personIds = people.Select(p => p.PersonId).ToList();
        var names = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.ExternalId, p.GivenName, p.FamilyName }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var discrepancies = await db.ManifestDiscrepancies.AsNoTracking().Where(d => d.ManifestId == id).OrderBy(d => d.RecordedAt).ToListAsync(cancellationToken);
        return Of(manifest, people, p => (names[p].ExternalId, names[p].GivenName, names[p].FamilyName), discrepancies);
    }

    /// <summary>The view of a manifest from rows already loaded (used by commands to answer with the state they leave).</summary>
    public static ManifestView Of(Manifest m, IEnumerable<ManifestPerson> people, Func<Guid, (string ExternalId, string Given, string Family)> nameOf,
        IReadOnlyList<ManifestDiscrepancy> discrepancies)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(nameOf);
        ArgumentNullException.ThrowIfNull(discrepancies);
        var list = people.OrderBy(p => p.Role == ManifestRoles.Principal ? 0 : 1).ThenBy(p => p.AddedAt).ThenBy(p => p.PersonId).ToList();
        var views = list.Select(p =>
        {
            var (externalId, given, family) = nameOf(p.PersonId);
            return new ManifestPersonView(p.PersonId, externalId, given, family, p.Role, p.Status, p.StatusReason, p.StatusAt, p.StatusBy,
                p.IdentityCheckedAgainst, p.SubstitutionOf, p.SubstitutionApprovedBy, p.ScreenedAt, p.ScreeningOutcome, Split(p.ScreeningReasons),
                p.DispatchedBy, p.DispatchedAt, p.ReceivedBy, p.ReceivedAt, p.Alert, p.AlertRaisedAt, Split(p.AlertReasons));
        }).ToList();
        return new ManifestView(m.Id, m.AgreementId, m.Carrier, m.Movement, m.OriginFacilityId, m.DestinationFacilityId, m.ScheduledDeparture, m.Status,
            m.Revision, m.CreatedBy, m.CreatedAt, m.LockedBy, m.LockedAt, m.UnlockReason, m.DepartedAt, m.ArrivedAt, views,
            discrepancies.Select(d => new DiscrepancyView(d.Id, d.PersonId, d.Kind, d.Note, d.RecordedBy, d.RecordedAt)).ToList(),
            Count(m, list, discrepancies.Count), m.Direction);
    }

    private static ReconciliationCounts Count(Manifest m, IReadOnlyList<ManifestPerson> people, int discrepancies)
    {
        var boarded = people.Where(p => p.IdentityCheckedAgainst is not null).ToList();
        var departed = m.DepartedAt is null ? [] : boarded.Where(p => p.Status != ManifestPersonStatuses.Disembarked).ToList();
        var arrived = m.ArrivedAt is null ? 0 : departed.Count(p => p.Status != ManifestPersonStatuses.Lost);
        return new ReconciliationCounts(
            people.Count(p => p.IsPrincipal && p.Status is not (ManifestPersonStatuses.Removed or ManifestPersonStatuses.SubstitutedOut)),
            boarded.Count,
            people.Count(p => p.Status == ManifestPersonStatuses.Disembarked),
            departed.Count,
            arrived,
            people.Count(p => p.Status == ManifestPersonStatuses.HandedOver),
            discrepancies);
    }

    private static string[] Split(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
