using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Complaints;

/// <summary>
/// Acknowledges receipt of a request or complaint, once: the acknowledgement deadline stops counting,
/// so a complaint left unacknowledged is overdue for all to see.
/// </summary>
public sealed class AcknowledgeComplaint(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ComplaintView>> HandleAsync(Guid complaintId, Viewer viewer, CancellationToken cancellationToken = default) =>
        ComplaintChange.ChangeAsync(db, time, complaintId, viewer, (complaint, work) =>
        {
            if (complaint.Status != Complaint.Received)
            {
                return new Conflict($"The complaint is already {complaint.Status}.");
            }
            work.Record(new ComplaintAcknowledged(complaint.Id, complaint.PersonId), viewer.Actor);
            return null;
        }, cancellationToken);
}
