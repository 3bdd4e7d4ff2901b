using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Complaints;

/// <summary>A person's requests and complaints with their deadlines and answers, and those overdue across the register.</summary>
public sealed class ReadComplaints(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<IReadOnlyList<ComplaintView>>> ListAsync(PersonId personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var now = Instants.Now(time);
        return (await db.Complaints.AsNoTracking().Where(c => c.PersonId == personId.Value).OrderBy(c => c.ReceivedAt).ToListAsync(cancellationToken))
            .Select(c => ComplaintView.Of(c, now)).ToList();
    }

    /// <summary>Complaints not yet answered whose acknowledgement or answer is late, oldest first.</summary>
    public async Task<IReadOnlyList<ComplaintView>> OverdueAsync(CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        return (await db.Complaints.AsNoTracking().Where(c => c.AnsweredAt == null && ((c.AcknowledgedAt == null && c.AcknowledgeBy < now) || c.AnswerBy < now))
            .OrderBy(c => c.ReceivedAt).ToListAsync(cancellationToken)).Select(c => ComplaintView.Of(c, now)).ToList();
    }
}
