using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Facilities;

/// <summary>
/// What the changes of a restriction share (art. 20 of the Enforced Disappearance Convention: a
/// restriction is under judicial control): the restriction must exist and be visible to the caller,
/// and still be in force — a lifted restriction is neither lifted again nor reviewed.
/// </summary>
internal static class RestrictionChange
{
    /// <summary>Today in UTC days: review dates and lapses are counted in them.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // The lock first (in the unit of work), then the read: of two concurrent lifts, the second sees the first.
    public static Task<Result<RestrictionView>> ChangeAsync(CustodyDbContext db, TimeProvider time, Guid restrictionId, Viewer viewer,
        Func<InformationRestriction, UnitOfWork, Failure?> change, CancellationToken cancellationToken) =>
        UnitOfWork.RunAsync<RestrictionView>(db, time, async work =>
        {
            var restriction = work.Store.Find<InformationRestriction>(restrictionId);
            if (restriction is null || await viewer.FindPersonAsync(db, restriction.PersonId, cancellationToken) is null)
            {
                return new NotFound($"No restriction {restrictionId}.");
            }
            if (restriction.LiftedAt is { } lifted)
            {
                return new Conflict($"The restriction was lifted at {Instants.ToText(lifted)}.");
            }
            return change(restriction, work) is { } refusal ? refusal : RestrictionView.Of(restriction, Today(time));
        }, cancellationToken);
}
