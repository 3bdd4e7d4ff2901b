using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Complaints;

public sealed record AnswerComplaintRequest(string? Answer);

/// <summary>
/// Answers a request or complaint with the answer given, once (Mandela Rule 57: every complaint is
/// answered); the answer is kept as given, never edited.
/// </summary>
public sealed class AnswerComplaint(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ComplaintView>> HandleAsync(Guid complaintId, AnswerComplaintRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (string.IsNullOrWhiteSpace(r.Answer) || r.Answer.Trim().Length > 4000)
        {
            return Task.FromResult(Result<ComplaintView>.Fail(new Invalid([new FieldError("answer", "Required: the answer given (1 to 4000 characters).")])));
        }
        return ComplaintChange.ChangeAsync(db, time, complaintId, viewer, (complaint, work) =>
        {
            if (complaint.Status == Complaint.Answered)
            {
                return new Conflict("The complaint was already answered.");
            }
            work.Record(new ComplaintAnswered(complaint.Id, complaint.PersonId, r.Answer.Trim()), viewer.Actor);
            return null;
        }, cancellationToken);
    }
}
