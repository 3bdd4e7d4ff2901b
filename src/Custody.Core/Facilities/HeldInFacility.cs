using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Facilities;

/// <summary>
/// What the commands about a person held in a facility (a welfare check, an access visit) share:
/// 404 for an unknown (or invisible) person, 409 when the person is not admitted — a check or a
/// visit is of someone the register holds, or it proves nothing.
/// </summary>
internal static class HeldInFacility
{
    public static Task<Result<T>> RunAsync<T>(CustodyDbContext db, TimeProvider time, PersonId personId, Viewer viewer, Func<UnitOfWork, Admission, Task<Result<T>>> body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<T>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            return work.Store.OpenAdmission(personId) is { } admission
                ? await body(work, admission)
                : new StateConflict("The person is not admitted to a facility.", "not-admitted");
        }, cancellationToken);
    }
}
