using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Complaints;

/// <summary>
/// What the steps on a filed complaint share: the complaint must exist and its person be visible to
/// the caller (counsel see their own clients' only), and the answer is the complaint as it stands now,
/// with its deadlines and whether they are missed.
/// </summary>
internal static class ComplaintChange
{
    public static Task<Result<ComplaintView>> ChangeAsync(CustodyDbContext db, TimeProvider time, Guid complaintId, Viewer viewer, Func<Complaint, UnitOfWork, Failure?> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<ComplaintView>(db, time, async work =>
        {
            var complaint = work.Store.Find<Complaint>(complaintId);
            if (complaint is null || await viewer.FindPersonAsync(db, complaint.PersonId, cancellationToken) is null)
            {
                return new NotFound($"No complaint {complaintId}.");
            }
            return change(complaint, work) is { } refusal ? refusal : ComplaintView.Of(complaint, Instants.Now(time));
        }, cancellationToken);
    }
}
