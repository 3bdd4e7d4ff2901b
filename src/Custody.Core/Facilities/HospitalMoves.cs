using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>
/// A person held at a facility who is taken to hospital stays in its custody and on its register
/// (the admission stays open, the days still count), but the custody record says where they are:
/// a hospital, under the facility's escort. So a court asking for whereabouts, an incident there,
/// and the person's timeline all name the hospital, and the return to the facility is recorded too.
/// </summary>
internal static class HospitalMoves
{
    // Same custodian, on whose behalf, authority, funder and responsible facility: only the place changes.
    public static Task<Result<Transfers.CustodyRecordView>> MoveAsync(CustodyDbContext db, TimeProvider time, PersonId personId, Viewer viewer,
        Func<CustodyRecord, string?> refuse, DateTime at, string custodyEvent, string place, string? note, CancellationToken cancellationToken) =>
        UnitOfWork.RunAsync<Transfers.CustodyRecordView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            if (work.Store.OpenAdmission(personId) is not { } admission)
            {
                return new StateConflict("The person is not admitted to a facility.", "not-admitted");
            }
            var current = work.Store.CurrentCustody(personId)!;
            if (refuse(current) is { } refusal)
            {
                return new StateConflict(refusal, current.PlaceKind);
            }
            if (at < current.OccurredAt)
            {
                return new Invalid([new FieldError("at", $"After the current custody record began ({Instants.ToText(current.OccurredAt)}).")]);
            }
            new CustodyChange(personId, custodyEvent, current.Custodian, current.OnBehalfOf, place, admission.FacilityId, null, current.AgreementId,
                current.LegalAuthority, current.Funder, note, at).Record(work, viewer.Actor);
            var record = work.Store.CurrentCustody(personId)!;
            // A hospital is no facility of the register: its contact stays with the facility that still holds the admission.
            return Transfers.CustodyRecordView.Of(record, place == CustodyPlaces.Hospital ? null : await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.Id == record.FacilityId, cancellationToken));
        }, cancellationToken);
}
