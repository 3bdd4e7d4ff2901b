using Custody.Common;
using Custody.Persistence;
using Custody.Screening;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.People;

/// <summary>An alert open on a manifest the person is on: which manifest, which alert, and the reasons (codes).</summary>
public sealed record PersonAlert(Guid ManifestId, string Manifest, string Alert, IReadOnlyList<string> Reasons);

/// <summary>A date the person's case must meet: a departure they are listed or boarded for, or the end of their custody term (a disposition).</summary>
public sealed record PersonDeadline(string Kind, DateTime Due, string Link);

/// <summary>What the person page leads with, besides where they are and the screening: open alerts, and the next dates, earliest first.</summary>
public sealed record PersonNow(IReadOnlyList<PersonAlert> Alerts, IReadOnlyList<PersonDeadline> Deadlines);

/// <summary>
/// Reads the person page's summary. The caller has already checked that the reader may see the
/// person and logged the read (the page reads the record first), so this adds no read of its own.
/// </summary>
public sealed class ReadPersonNow(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public const string Departure = "departure";
    public const string Disposition = "disposition";

    public async Task<PersonNow> ForAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var onManifests = await (from p in db.ManifestPeople.AsNoTracking()
                                 join m in db.Manifests.AsNoTracking() on p.ManifestId equals m.Id
                                 where p.PersonId == personId && (p.Alert != null
                                     || ((m.Status == ManifestStatuses.Draft || m.Status == ManifestStatuses.Locked)
                                         && (p.Status == ManifestPersonStatuses.Listed || p.Status == ManifestPersonStatuses.Boarded)))
                                 select new { m.Id, m.Carrier, m.Movement, m.Status, m.ScheduledDeparture, p.Alert, p.AlertReasons }).ToListAsync(cancellationToken);
        var alerts = onManifests.Where(x => x.Alert is not null)
            .Select(x => new PersonAlert(x.Id, $"{x.Carrier} {x.Movement}", x.Alert!, x.AlertReasons.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        var deadlines = onManifests.Where(x => x.Status is ManifestStatuses.Draft or ManifestStatuses.Locked)
            .Select(x => new PersonDeadline(Departure, x.ScheduledDeparture, $"/Manifests/Details/{x.Id}")).ToList();
        if (await db.Admissions.AsNoTracking().Where(a => a.PersonId == personId && a.EndedAt == null)
                .Select(a => new { a.AgreementId, a.AdmittedAt, a.FacilityId }).FirstOrDefaultAsync(cancellationToken) is { } admission
            && await AgreementTerms.LoadAsync(db, admission.AgreementId, cancellationToken) is { } terms)
        {
            deadlines.Add(new PersonDeadline(Disposition, Facilities.Admission.DispositionDue(admission.AdmittedAt, terms.VersionAt(time.GetUtcNow())),
                $"/Facilities/Register/{admission.FacilityId}"));
        }
        return new PersonNow(alerts, deadlines.OrderBy(d => d.Due).ToList());
    }
}
