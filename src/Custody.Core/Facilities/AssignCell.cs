using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

public sealed record AssignCellRequest(string? CellId);

/// <summary>
/// Assigns (or moves) an admitted person to a cell of their facility, checked against the
/// agreement version's facility standards: refused naming the breached standard, or recorded with
/// the finding when the agreement says to warn. An onward transfer is a release, never a move.
/// </summary>
public sealed class AssignCell(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<CellAssignmentView>> HandleAsync(PersonId personId, AssignCellRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrWhiteSpace(request.CellId))
        {
            return new Invalid([new FieldError("cellId", "Required: the cell, such as sv-cecot/A/01.")]);
        }
        return await UnitOfWork.RunAsync<CellAssignmentView>(db, time, async work =>
        {
            var cell = work.Store.Find<Cell>(request.CellId);
            if (cell is null)
            {
                return new NotFound($"No cell {request.CellId}.");
            }
            if (work.Store.OpenAdmission(personId) is not { } admission)
            {
                return await db.People.AnyAsync(p => p.Id == personId.Value, cancellationToken)
                    ? new StateConflict("The person is not admitted to a facility; admit them first.", "not-admitted")
                    : new NotFound($"No person {personId} in the register.");
            }
            if (cell.FacilityId != admission.FacilityId)
            {
                return new Invalid([new FieldError("cellId", $"The person is held at {admission.FacilityId}; this cell is at {cell.FacilityId} (an onward transfer is a release, not a move).")]);
            }
            var current = work.Store.OpenAssignment(personId);
            if (current?.CellId == cell.Id)
            {
                return new StateConflict($"The person is already in {cell.Id}.", current.Id);
            }
            var now = time.GetUtcNow();
            var occupants = await db.CellAssignments.CountAsync(a => a.CellId == cell.Id && a.Until == null, cancellationToken) + 1;
            var standards = await StandardsInForce.OfAgreementAsync(db, admission.AgreementId, now, cancellationToken);
            var breaches = CellStandards.Check(cell, occupants, standards);
            if (breaches.Count > 0 && standards.OnExceed == "refuse")
            {
                return new StandardsBreached(cell.Id, occupants, breaches);
            }
            work.Record(new CellAssigned(Guid.CreateVersion7(now), personId, admission.Id, cell.Id, Instants.Utc(now),
                breaches.Count > 0 ? $"{occupants} people: " + string.Join("; ", breaches) : null), viewer.Actor);
            return CellAssignmentView.Of(work.Store.OpenAssignment(personId)!);
        }, cancellationToken);
    }
}
