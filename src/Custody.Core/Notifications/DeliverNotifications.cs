using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Notifications;

/// <summary>A way to deliver notices (the log, SMTP, …): an outside boundary, so an interface.</summary>
public interface INotificationChannel
{
    string Name { get; }

    /// <summary>Delivers the notice or throws <see cref="NotificationDeliveryException"/> saying why not.</summary>
    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

public sealed class NotificationDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Sends queued (and failed, up to <see cref="MaxAttempts"/>) notices through the channel and
/// ledgers each outcome; the outbox row keeps the status, attempts and last error.
/// </summary>
public sealed class DeliverNotifications(CustodyDbContext db, TimeProvider time, INotificationChannel channel) : IUseCase
{
    public const int MaxAttempts = 5;

    public async Task<int> RunOnceAsync(int batch = 100, CancellationToken cancellationToken = default)
    {
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.Status == NotificationStatuses.Queued || (n.Status == NotificationStatuses.Failed && n.Attempts < MaxAttempts))
            .OrderBy(n => n.QueuedAt).Take(batch).ToListAsync(cancellationToken);
        foreach (var notification in due)
        {
            string? error = null;
            if (string.IsNullOrWhiteSpace(notification.Address))
            {
                error = "No address on record for this recipient: deliver by other means and record it.";
            }
            else
            {
                try
                {
                    await channel.SendAsync(notification, cancellationToken);
                }
                catch (NotificationDeliveryException ex)
                {
                    error = ex.Message;
                }
            }
            await UnitOfWork.RunAsync(db, time, work =>
            {
                const string Actor = "system:outbox";
                if (error is null)
                {
                    work.Record(new NotificationDelivered(notification.Id, channel.Name, notification.PersonId), Actor);
                }
                else
                {
                    work.Record(new NotificationFailed(notification.Id, channel.Name, error, notification.PersonId), Actor);
                }
                return Task.FromResult(Result<bool>.Ok(true));
            }, cancellationToken);
            db.ChangeTracker.Clear();
        }
        return due.Count;
    }
}

/// <summary>Notices not delivered by their deadline.</summary>
public sealed class ReadOutbox(CustodyDbContext db) : IUseCase
{
    public async Task<IReadOnlyList<NotificationView>> ListAsync(string? status, bool overdueOnly, DateTime now, CancellationToken cancellationToken = default)
    {
        var query = db.Notifications.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            query = query.Where(n => n.Status == status);
        }
        if (overdueOnly)
        {
            query = query.Where(n => n.Status != NotificationStatuses.Delivered && n.DueBy != null && n.DueBy < now);
        }
        return (await query.OrderByDescending(n => n.QueuedAt).Take(500).ToListAsync(cancellationToken)).Select(NotificationView.Of).ToList();
    }
}
