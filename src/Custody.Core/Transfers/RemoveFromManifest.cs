using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Transfers;

/// <summary>The reason for a removal, an unlock or a disembarkation: always required, always ledgered.</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>Takes a listed person off a draft, with the reason.</summary>
public sealed class RemoveFromManifest(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, PersonId person, ReasonRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        return ManifestSession.RunWithReasonAsync(db, time, manifest, request.Reason, async (session, reason, _) =>
        {
            var removed = ManifestLifecycle.Remove(session.Manifest, session.Person(person), person, reason);
            if (await session.RefusedAsync(removed, cancellationToken) is { } refused)
            {
                return refused;
            }
            session.Record(removed.Change!, viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
