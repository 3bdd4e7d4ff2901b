using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;

namespace Custody.Transfers;

/// <summary>
/// The second acknowledgement, by another official of the side taking the person, screened again:
/// on a transfer custody passes to the receiving state, held on behalf of the sending state and
/// funded by it; on a return custody goes back to the sending state, and the movement that held the
/// person pending return is closed for them.
/// </summary>
public sealed class ReceivePerson(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, PersonId person, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return ManifestSession.RunAsync(db, time, manifest, async (session, now) =>
        {
            var received = HandOverRules.Receive(session.Manifest, session.Person(person), person, viewer);
            if (await session.RefusedAsync(received, cancellationToken) is { } refused)
            {
                return refused;
            }
            if (await session.ScreenOneAsync(new StepScreening(db, time), person, TransferSteps.HandOver, now, viewer.Actor, cancellationToken) is { } blocked)
            {
                return blocked;
            }
            session.Record(received.Change!, viewer.Actor);
            var agreement = session.Agreement;
            if (session.Manifest.IsReturn)
            {
                var current = session.Work.Store.CurrentCustody(person)!;
                session.RecordCustody(person, CustodyEvents.Returned, agreement.SendingState, null, CustodyPlaces.Facility, session.Manifest.DestinationFacilityId,
                    current.LegalAuthority, agreement.SendingState, $"returned by {session.Manifest.Carrier} {session.Manifest.Movement}", Instants.Utc(now), viewer.Actor);
                if (await PendingReturn.FindAsync(db, person, agreement.Id, cancellationToken) is { } pending)
                {
                    session.Work.Record(new ManifestPersonReturned(pending.ManifestId, person, manifest), viewer.Actor);
                }
                return await session.ViewAsync(cancellationToken);
            }
            session.RecordCustody(person, CustodyEvents.HandedOver, agreement.ReceivingState, agreement.SendingState, CustodyPlaces.Facility,
                session.Manifest.DestinationFacilityId, "agreement:" + agreement.Id, agreement.SendingState, null, Instants.Utc(now), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
