using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Transfers;

/// <summary>Returns a locked manifest to draft, with the reason, until boarding begins.</summary>
public sealed class UnlockManifest(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, ReasonRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        return ManifestSession.RunWithReasonAsync(db, time, manifest, request.Reason, async (session, reason, _) =>
        {
            var unlocked = ManifestLifecycle.Unlock(session.Manifest, session.People, reason);
            if (await session.RefusedAsync(unlocked, cancellationToken) is { } refused)
            {
                return refused;
            }
            session.Record(unlocked.Change!, viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
