using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;

namespace Custody.Transfers;

/// <summary>Screens everyone still travelling on a locked or moving manifest now, raising or clearing alerts.</summary>
public sealed class RescreenManifest(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return ManifestSession.RunAsync(db, time, manifest, async (session, now) =>
        {
            if (session.Manifest.Status == ManifestStatuses.Draft)
            {
                return await session.ConflictAsync("A draft is screened when it is locked.", cancellationToken);
            }
            if (session.Manifest.IsReturn)
            {
                return await session.ConflictAsync("A return is not screened: going home is never forbidden.", cancellationToken);
            }
            var step = session.Manifest.Status == ManifestStatuses.Locked ? TransferSteps.DepartureGate : TransferSteps.Review;
            var review = await ManifestWatch.ReviewAsync(session, session.People.Where(ManifestWatch.IsTravelling).Select(p => p.PersonId).ToList(),
                new StepScreening(db, time), step, now, viewer.Actor, cancellationToken);
            return review.Failure is { } failure ? failure : await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
