using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Transfers;

/// <summary>Takes a boarded person off before departure, with the reason; custody returns to the origin facility.</summary>
public sealed class DisembarkPerson(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, PersonId person, ReasonRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        return ManifestSession.RunWithReasonAsync(db, time, manifest, request.Reason, async (session, reason, now) =>
        {
            var disembarked = ManifestLifecycle.Disembark(session.Manifest, session.Person(person), person, reason);
            if (await session.RefusedAsync(disembarked, cancellationToken) is { } refused)
            {
                return refused;
            }
            session.Record(disembarked.Change!, viewer.Actor);
            var current = session.Work.Store.CurrentCustody(person)!;
            session.RecordCustody(person, CustodyEvents.Disembarked, session.Agreement.SendingState, null, CustodyPlaces.Facility, session.Manifest.OriginFacilityId,
                current.LegalAuthority, session.Agreement.SendingState, reason, Instants.Utc(now), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
