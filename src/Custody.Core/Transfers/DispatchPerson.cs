using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;

namespace Custody.Transfers;

/// <summary>
/// The first acknowledgement of the two-party hand-over (DOMAIN.md invariant 4): the handing-over
/// official dispatches the person, screened again. Custody passes only with the second.
/// </summary>
public sealed class DispatchPerson(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, PersonId person, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return ManifestSession.RunAsync(db, time, manifest, async (session, now) =>
        {
            var dispatched = HandOverRules.Dispatch(session.Manifest, session.Person(person), person, viewer);
            if (await session.RefusedAsync(dispatched, cancellationToken) is { } refused)
            {
                return refused;
            }
            // A refused acknowledgement writes nothing; the fact that blocks it raised its alert when it was entered.
            if (await session.ScreenOneAsync(new StepScreening(db, time), person, TransferSteps.HandOver, now, viewer.Actor, cancellationToken) is { } blocked)
            {
                return blocked;
            }
            session.Record(dispatched.Change!, viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
