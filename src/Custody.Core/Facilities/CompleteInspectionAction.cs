using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>
/// Records, once, that an inspection's follow-up action was done (by the facility): an action stays
/// on the overdue list until then, so what an inspection asked for is followed, not forgotten.
/// </summary>
public sealed class CompleteInspectionAction(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<FollowUpActionView>> HandleAsync(Guid actionId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<FollowUpActionView>(db, time, async work =>
        {
            var action = await db.FollowUpActions.SingleOrDefaultAsync(a => a.Id == actionId, cancellationToken);
            if (action is null)
            {
                return new NotFound($"No follow-up action {actionId}.");
            }
            if (action.CompletedAt is { } done)
            {
                return new StateConflict($"The action was completed at {Instants.ToText(done)} by {action.CompletedBy}.", action);
            }
            work.Record(new InspectionActionCompleted(actionId, action.FacilityId), viewer.Actor);
            return FollowUpActionView.Of(action);
        }, cancellationToken);
    }
}
