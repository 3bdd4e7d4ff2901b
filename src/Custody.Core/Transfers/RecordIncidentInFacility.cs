using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>
/// An incident in a facility (death, serious injury, disappearance/escape, use of force,
/// allegation of ill-treatment). The report to the independent authority and (for a death,
/// serious injury or disappearance) the next-of-kin notice are queued at once with deadlines;
/// the sending state sees the incident on the incidents list of people held on its behalf.
/// A death or disappearance ends the admission and moves the custody record.
/// </summary>
public sealed class RecordIncidentInFacility(CustodyDbContext db, TimeProvider time, IncidentOptions options) : IUseCase
{
    public async Task<Result<IncidentView>> HandleAsync(FacilityId facilityId, RecordIncidentRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var occurredAt = IncidentNotices.CommonFields(request, Incident.FacilityKinds, errors, time.GetUtcNow());
        if (request.Kind == Incident.Death)
        {
            TransferInput.Require(errors, "circumstances", request.Circumstances, 4000);
            TransferInput.Require(errors, "cause", request.Cause, 1000);
            TransferInput.Require(errors, "remainsDestination", request.RemainsDestination, 1000);
        }
        if (request.PersonId is null && request.Kind != Incident.UseOfForce)
        {
            errors.Add(new FieldError("personId", "Required: the person concerned."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<IncidentView>(db, time, async work =>
        {
            var facility = await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.Id == facilityId.Value, cancellationToken);
            if (facility is null)
            {
                return new NotFound($"No facility {facilityId}.");
            }
            var store = work.Store;
            var now = time.GetUtcNow();
            Facilities.Admission? admission = null;
            CustodyRecord? custody = null;
            if (request.PersonId is { } personId)
            {
                // Held here: admitted, or handed over to this facility and not yet admitted (no one falls between the two).
                admission = store.OpenAdmission(personId) is { } open && open.FacilityId == facilityId.Value ? open : null;
                custody = store.CurrentCustody(personId);
                if (admission is null && (custody is not { PlaceKind: CustodyPlaces.Facility or CustodyPlaces.Hospital } || custody.FacilityId != facilityId.Value))
                {
                    return new StateConflict($"Person {personId} is not held at {facilityId}.", "not-held-here");
                }
                var since = admission?.AdmittedAt ?? custody!.OccurredAt;
                if (occurredAt < since)
                {
                    return new Invalid([new FieldError("occurredAt", "The incident is recorded at this facility after the person arrived in its custody.")]);
                }
            }
            var id = Guid.CreateVersion7(now);
            work.Record(IncidentNotices.Recorded(id, request, occurredAt!.Value, null, facilityId.Value), viewer.Actor);
            if (request is { PersonId: { } who, Kind: Incident.Death or Incident.Escape })
            {
                if (admission is not null)
                {
                    work.Record(new Facilities.PersonReleased(who, admission.Id, request.Kind == Incident.Death ? CustodyEvents.Died : CustodyEvents.Escaped,
                        IncidentNotices.Later(occurredAt.Value, admission.AdmittedAt), request.Kind == Incident.Death ? request.RemainsDestination!.Trim() : "unknown", facility.Name), viewer.Actor);
                }
                var current = store.CurrentCustody(who)!;
                new CustodyChange(who, request.Kind == Incident.Death ? CustodyEvents.Died : CustodyEvents.Escaped, current.Custodian, current.OnBehalfOf,
                    request.Kind == Incident.Death ? CustodyPlaces.Deceased : CustodyPlaces.AtLarge, request.Kind == Incident.Death ? null : facilityId.Value, null,
                    current.AgreementId, current.LegalAuthority, current.Funder, $"incident:{id}", IncidentNotices.Later(occurredAt.Value, current.OccurredAt)).Record(work, viewer.Actor);
            }
            // In hospital the place is the hospital (the custody record's note), under the facility's escort.
            var place = custody is { PlaceKind: CustodyPlaces.Hospital } ? $"{custody.Note} (in hospital under the escort of {facility.Name})" : $"{facility.Name}, {facility.Address}";
            await IncidentNotices.QueueNoticesAsync(db, options, work, new IncidentNotices.Place(null, place, $"{facility.Name}, {facility.Telephone}", custody?.OnBehalfOf),
                id, request, occurredAt.Value, viewer.Actor, now, cancellationToken);
            return IncidentView.Of(db.Incidents.Local.Single(i => i.Id == id));
        }, cancellationToken);
    }
}
