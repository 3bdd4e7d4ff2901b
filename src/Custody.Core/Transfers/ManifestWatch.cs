using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>
/// Keeps locked and moving manifests honest when the law changes under them: when a court order,
/// protection or other fact is entered, lifted or decided for someone on a locked, departed or
/// arrived manifest, that person is screened again in the same transaction. Blocked before
/// departure raises <see cref="ManifestAlerts.MustDisembark"/> (departure is refused until they
/// are off); blocked after departure raises <see cref="ManifestAlerts.ReturnRequired"/> (hand-over
/// is refused). So a stay entered ten minutes before take-off cannot be missed.
/// </summary>
public static class ManifestWatch
{
    private static readonly string[] Travelling = [ManifestPersonStatuses.Listed, ManifestPersonStatuses.Boarded, ManifestPersonStatuses.Dispatched];

    public static bool IsTravelling(ManifestPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Travelling.Contains(person.Status);
    }

    /// <summary>
    /// Reviews the named people (or, when <paramref name="personIds"/> is null, everyone) on active
    /// manifests. Runs as a reaction (see <see cref="Ledger.Reactions"/>) in the unit of work that changed the facts.
    /// </summary>
    public static async Task<Result<int>> OnFactsChangedAsync(UnitOfWork work, IReadOnlyCollection<Guid>? personIds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (db, time) = (work.Db, work.Time);
        await db.SaveChangesAsync(cancellationToken);
        // Few people travel at once; an import may name 100,000: filter the travellers, not the names.
        var travelling = await (from p in db.ManifestPeople.AsNoTracking()
                                join m in db.Manifests.AsNoTracking() on p.ManifestId equals m.Id
                                where m.Status != ManifestStatuses.Draft && m.Direction == ManifestDirections.Transfer && Travelling.Contains(p.Status)
                                select new { p.ManifestId, p.PersonId }).ToListAsync(cancellationToken);
        var wanted = personIds as IReadOnlySet<Guid> ?? personIds?.ToHashSet();
        var affected = travelling.Where(x => wanted is null || wanted.Contains(x.PersonId)).ToList();
        var now = time.GetUtcNow();
        foreach (var manifest in affected.GroupBy(a => a.ManifestId))
        {
            var session = (await ManifestSession.LoadAsync(work, new ManifestId(manifest.Key), cancellationToken))!;
            var review = await ReviewAsync(session, manifest.Select(m => m.PersonId).ToList(), new StepScreening(db, time), TransferSteps.Review, now, actor, cancellationToken);
            if (review.Failure is { } failure)
            {
                return failure;
            }
        }
        return affected.Count;
    }

    /// <summary>Screens the people on the session's manifest and raises or clears their alerts.</summary>
    internal static async Task<Result<int>> ReviewAsync(ManifestSession session, IReadOnlyCollection<Guid> personIds, StepScreening screening, string step,
        DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var blocked = await session.ScreenAsync(screening, personIds, step, now, actor, cancellationToken);
        if (blocked.Failure is { } failure)
        {
            return failure;
        }
        var blockedById = blocked.Value!.ToDictionary(b => b.PersonId);
        var alert = session.Manifest.Status == ManifestStatuses.Locked ? ManifestAlerts.MustDisembark : ManifestAlerts.ReturnRequired;
        foreach (var personId in personIds)
        {
            var person = session.Person(new PersonId(personId))!;
            if (blockedById.TryGetValue(personId, out var why))
            {
                var reasons = string.Join(' ', why.Decision.Reasons);
                if (person.Alert != alert || person.AlertReasons != reasons)
                {
                    session.Record(new ManifestAlertRaised(session.Manifest.Id, personId, alert, why.Decision.Reasons), actor);
                    CustodyMetrics.AlertRaised(alert);
                }
            }
            else if (person.Alert is not null)
            {
                session.Record(new ManifestAlertCleared(session.Manifest.Id, personId), actor);
            }
        }
        return blockedById.Count;
    }
}
