using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

public sealed record VisitDecision(bool Granted, string? Reason);

/// <summary>
/// Grants or denies a requested visit, once. A denial needs its reason and is a finding against
/// the facility: access is how a detention stays visible, so refusing it is never silent.
/// </summary>
public sealed class DecideVisit(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<AccessVisitView>> HandleAsync(Guid visitId, VisitDecision decision, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!decision.Granted && string.IsNullOrWhiteSpace(decision.Reason))
        {
            return new Invalid([new FieldError("reason", "Required when a visit is denied: why (a denial is recorded as a finding).")]);
        }
        return await UnitOfWork.RunAsync<AccessVisitView>(db, time, async work =>
        {
            var visit = await db.AccessVisits.SingleOrDefaultAsync(v => v.Id == visitId, cancellationToken);
            if (visit is null)
            {
                return new NotFound($"No visit request {visitId}.");
            }
            if (visit.Status != "requested")
            {
                return new StateConflict($"The visit was already {visit.Status}.", visit.Status);
            }
            work.Record(new VisitDecided(visitId, visit.PersonId, decision.Granted, string.IsNullOrWhiteSpace(decision.Reason) ? null : decision.Reason.Trim()), viewer.Actor);
            return AccessVisitView.Of(visit);
        }, cancellationToken);
    }
}
