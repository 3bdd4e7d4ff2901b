using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Production;

/// <summary>
/// Records each missed production deadline once, and tells the court and the state on whose behalf
/// the person is held, in one transaction per request (run every minute by the deadline watcher).
/// </summary>
public sealed class RecordProductionOverdue(CustodyDbContext db, TimeProvider time, IncidentOptions options) : IUseCase
{
    public async Task<int> HandleAsync(string actor, CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        var missed = await db.ProductionRequests.AsNoTracking().Where(r => r.Status == ProductionRequest.Open && r.OverdueAt == null && r.Deadline < now)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in missed)
        {
            await UnitOfWork.RunAsync(db, time, async work =>
            {
                var request = work.Store.Find<ProductionRequest>(id)!;
                if (request.Status != ProductionRequest.Open || request.OverdueAt is not null)
                {
                    return Result<bool>.Ok(false);
                }
                work.Record(new ProductionOverdue(id, request.PersonId), actor);
                var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == request.PersonId, cancellationToken);
                var custody = work.Store.CurrentCustody(request.PersonId);
                var values = new Dictionary<string, string>
                {
                    ["person"] = $"{person.GivenName} {person.FamilyName} ({person.ExternalId})",
                    ["court"] = request.Court,
                    ["kind"] = request.Kind,
                    ["deadline"] = NotificationTemplates.When(request.Deadline),
                    ["custodian"] = custody?.Custodian ?? "unknown",
                };
                var (subject, body) = NotificationTemplates.Render(NotificationKinds.ProductionOverdueCourt, "en", values);
                Outbox.Queue(work, new NotificationDraft(NotificationKinds.ProductionOverdueCourt, request.PersonId, null, null, "court", request.Court, null, "en",
                    subject, body, now), actor, time.GetUtcNow());
                var sendingState = custody?.OnBehalfOf ?? custody?.Funder;
                if (sendingState is not null && sendingState != CustodyRecord.SendingState)
                {
                    Outbox.Queue(work, new NotificationDraft(NotificationKinds.ProductionOverdueSendingState, request.PersonId, null, null, "sending-state",
                        $"Authorities of {sendingState}", options.SendingStateAddresses.GetValueOrDefault(sendingState), "en", subject, body, now), actor, time.GetUtcNow());
                }
                return Result<bool>.Ok(true);
            }, cancellationToken);
            db.ChangeTracker.Clear();
        }
        return missed.Count;
    }
}
