using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>
/// Locks a draft: everyone listed is screened at the lock, and the agreement's person cap holds. A
/// return is neither screened nor capped: it ends a custody the law forbids.
/// </summary>
public sealed class LockManifest(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return ManifestSession.RunAsync(db, time, manifest, async (session, now) =>
        {
            PersonCap? cap = null;
            if (!session.Manifest.IsReturn && session.Manifest.Status == ManifestStatuses.Draft)
            {
                if (session.VersionInForce(now) is not { } version)
                {
                    return await session.ConflictAsync($"Agreement {session.Agreement.Id} is not in force.", cancellationToken);
                }
                cap = version.PersonCap is { } limit ? new PersonCap(limit, await CommittedAsync(session.Manifest, cancellationToken)) : null;
            }
            var locked = ManifestLifecycle.Lock(session.Manifest, session.People, cap);
            if (await session.RefusedAsync(locked, cancellationToken) is { } refused)
            {
                return refused;
            }
            var listed = session.People.Where(p => p.Status == ManifestPersonStatuses.Listed).Select(p => p.PersonId).ToList();
            var blocked = await session.ScreenAsync(new StepScreening(db, time), listed, TransferSteps.ManifestLock, now, viewer.Actor, cancellationToken);
            if (blocked.Failure is { } failure)
            {
                return failure;
            }
            if (blocked.Value!.Count > 0)
            {
                return new PeopleBlocked(blocked.Value);
            }
            session.Record(locked.Change!, viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }

    // The agreement's cap counts people held under it now (in a receiving facility on the sending
    // state's behalf: never the dead, the escaped, the released or the returned) plus principals
    // still to be handed over on locked or moving manifests.
    private async Task<int> CommittedAsync(Manifest manifest, CancellationToken cancellationToken)
    {
        var held = await db.CustodyRecords.CountAsync(r => r.AgreementId == manifest.AgreementId && r.IsCurrent && r.OnBehalfOf != null
            && (r.PlaceKind == CustodyPlaces.Facility || r.PlaceKind == CustodyPlaces.Hospital), cancellationToken);
        var pending = new[] { ManifestPersonStatuses.Listed, ManifestPersonStatuses.Boarded, ManifestPersonStatuses.Dispatched };
        var onManifests = await (from p in db.ManifestPeople
                                 join m in db.Manifests on p.ManifestId equals m.Id
                                 where m.AgreementId == manifest.AgreementId && m.Id != manifest.Id && m.Status != ManifestStatuses.Draft && m.Direction == ManifestDirections.Transfer
                                     && p.Role == ManifestRoles.Principal && pending.Contains(p.Status)
                                 select p.PersonId).CountAsync(cancellationToken);
        return held + onManifests;
    }
}
