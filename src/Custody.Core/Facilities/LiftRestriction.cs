using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Facilities;

/// <summary>Why the restriction is lifted.</summary>
public sealed record LiftRestrictionRequest(string? Reason);

/// <summary>
/// Lifts a restriction of the art. 18 information, with the reason: a court controls it, and the
/// authority that imposed it may end it too (through the account that recorded it); anyone else is
/// refused, so a restriction is never ended by whoever happens to hold the register.
/// </summary>
public sealed class LiftRestriction(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<RestrictionView>> HandleAsync(Guid restrictionId, LiftRestrictionRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrWhiteSpace(r.Reason) || r.Reason.Trim().Length > 1000)
        {
            return new Invalid([new FieldError("reason", "Required: why the restriction is lifted (1 to 1000 characters).")]);
        }
        return await RestrictionChange.ChangeAsync(db, time, restrictionId, viewer, (restriction, work) =>
        {
            // The court controls it; the authority that imposed it may end it too (through the account that recorded it).
            if (viewer.Roles?.Contains(Roles.CourtUser) != true && viewer.Actor != restriction.RecordedBy)
            {
                return new Forbidden("A restriction is lifted by a court, or by the authority that imposed it (the account that recorded it).");
            }
            work.Record(new InformationRestrictionLifted(restriction.Id, restriction.PersonId, r.Reason.Trim()), viewer.Actor);
            return null;
        }, cancellationToken);
    }
}
