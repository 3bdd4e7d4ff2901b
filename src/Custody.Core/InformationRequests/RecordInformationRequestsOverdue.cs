using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.InformationRequests;

/// <summary>Records each missed answer deadline once and escalates it to the independent authority, one transaction per request.</summary>
public sealed class RecordInformationRequestsOverdue(CustodyDbContext db, TimeProvider time, Transfers.IncidentOptions incidents) : IUseCase
{
    public async Task<int> HandleAsync(string actor, CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        var missed = await db.InformationRequests.AsNoTracking().Where(x => x.Status == InformationRequest.Open && x.OverdueAt == null && x.DueAt < now)
            .Select(x => x.Id).ToListAsync(cancellationToken);
        foreach (var id in missed)
        {
            await UnitOfWork.RunAsync(db, time, work =>
            {
                var request = work.Store.Find<InformationRequest>(id)!;
                if (request.Status != InformationRequest.Open || request.OverdueAt is not null)
                {
                    return Task.FromResult(Result<bool>.Ok(false));
                }
                work.Record(new InformationRequestOverdue(id), actor);
                var values = new Dictionary<string, string>
                {
                    ["reference"] = request.Reference,
                    ["filedAt"] = NotificationTemplates.When(request.FiledAt),
                    ["dueBy"] = NotificationTemplates.When(request.DueAt),
                    ["facility"] = request.FacilityId ?? "(no person matched)",
                };
                Outbox.Queue(work, incidents.ToIndependentAuthority(NotificationKinds.InformationRequestOverdue, values, request.PersonId, now), actor, time.GetUtcNow());
                return Task.FromResult(Result<bool>.Ok(true));
            }, cancellationToken);
            db.ChangeTracker.Clear();
        }
        return missed.Count;
    }
}
