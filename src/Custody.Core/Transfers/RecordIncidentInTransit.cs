using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>
/// An incident in transit. A death, serious injury or escape queues at once the report to the
/// independent authority and the next-of-kin notice (invariant 6); a death or escape also moves
/// the person's custody record (deceased; at large), so nobody vanishes from the record.
/// </summary>
public sealed class RecordIncidentInTransit(CustodyDbContext db, TimeProvider time, IncidentOptions options) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifestId, RecordIncidentRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var occurredAt = IncidentNotices.CommonFields(request, Incident.Kinds, errors, time.GetUtcNow());
        if (request.Kind == Incident.Death && string.IsNullOrWhiteSpace(request.Circumstances))
        {
            errors.Add(new FieldError("circumstances", "Required for a death."));
        }
        if (request.Kind is Incident.Death or Incident.Escape or Incident.SeriousInjury && request.PersonId is null)
        {
            errors.Add(new FieldError("personId", "Required: who died, was injured or escaped."));
        }
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        return ManifestSession.RunAsync(db, time, manifestId, async (session, now) =>
        {
            if (session.Manifest.Status == ManifestStatuses.Draft)
            {
                return await session.ConflictAsync("Nobody is in transit on a draft manifest; record the incident at the facility.", cancellationToken);
            }
            ManifestPerson? onManifest = null;
            if (request.PersonId is { } personId)
            {
                onManifest = session.Person(personId);
                if (onManifest is null)
                {
                    return new NotFound($"Person {personId} is not on manifest {manifestId}.");
                }
                if (request.Kind is Incident.Death or Incident.Escape && onManifest.Status is not (ManifestPersonStatuses.Boarded or ManifestPersonStatuses.Dispatched))
                {
                    return await session.ConflictAsync($"The person is {onManifest.Status}, not in transit: record this at the facility where they are.", cancellationToken);
                }
            }
            var id = Guid.CreateVersion7(now);
            session.Record(IncidentNotices.Recorded(id, request, occurredAt!.Value, manifestId.Value, null), viewer.Actor);
            if (onManifest is not null && request.Kind is Incident.Death or Incident.Escape)
            {
                var current = session.Work.Store.CurrentCustody(onManifest.PersonId)!;
                session.RecordCustody(new PersonId(onManifest.PersonId), request.Kind == Incident.Death ? CustodyEvents.Died : CustodyEvents.Escaped, current.Custodian, current.OnBehalfOf,
                    request.Kind == Incident.Death ? CustodyPlaces.Deceased : CustodyPlaces.AtLarge, null, current.LegalAuthority, current.Funder,
                    $"incident:{id}", IncidentNotices.Later(occurredAt!.Value, current.OccurredAt), viewer.Actor);
            }
            // The sending state is told by notice whenever another state holds the person (a return is escorted by the state that held them).
            var holder = onManifest is null ? null : session.Work.Store.CurrentCustody(onManifest.PersonId)?.Custodian;
            holder ??= session.Manifest.IsReturn ? session.Agreement.ReceivingState : session.Agreement.SendingState;
            await IncidentNotices.QueueNoticesAsync(db, options, session.Work, new IncidentNotices.Place(session.Manifest.Id, $"in transit, {session.Manifest.Carrier} {session.Manifest.Movement}",
                $"{holder} ({session.Manifest.Carrier} {session.Manifest.Movement})", holder == session.Agreement.SendingState ? null : session.Agreement.SendingState),
                id, request, occurredAt!.Value, viewer.Actor, now, cancellationToken);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
