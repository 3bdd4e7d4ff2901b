using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Custody.Persistence.Tests;

public sealed class OutboxTests
{
    private sealed class RecordingChannel : INotificationChannel
    {
        public List<Guid> Sent { get; } = [];

        public string Name => "test";

        public Task SendAsync(Notification notification, CancellationToken cancellationToken)
        {
            if (notification.Address == "bounce@example.org")
            {
                throw new NotificationDeliveryException("mailbox unavailable");
            }
            Sent.Add(notification.Id);
            return Task.CompletedTask;
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deliver_SendsQueuedNotices_RecordsFailuresVisibly_AndListsTheOverdue(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using var db = database.NewContext();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await UnitOfWork.RunAsync(db, time, work =>
        {
            foreach (var address in new[] { "kin@example.org", "bounce@example.org", null })
            {
                Outbox.Queue(work, new NotificationDraft(NotificationKinds.IncidentNextOfKin, null, Guid.NewGuid(), null, "next-of-kin", "Kin", address, "es",
                    "Asunto", "Texto", Instants.Now(time).AddHours(24)), "test", time.GetUtcNow());
            }
            return Task.FromResult(Result<bool>.Ok(true));
        });
        var channel = new RecordingChannel();

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, await new DeliverNotifications(db, time, channel).RunOnceAsync());
        time.Advance(TimeSpan.FromHours(25));
        var overdue = await new ReadOutbox(db).ListAsync(null, overdueOnly: true, Instants.Now(time));

        var notices = await db.Notifications.AsNoTracking().ToListAsync();
        Assert.Single(channel.Sent);
        Assert.Single(notices, n => n.Status == NotificationStatuses.Delivered && n.DeliveredAt is not null);
        Assert.Equal(2, notices.Count(n => n.Status == NotificationStatuses.Failed && n.Attempts == 1));
        Assert.Contains(notices, n => n.LastError == "mailbox unavailable");
        Assert.Contains(notices, n => n.Address is null && n.LastError!.StartsWith("No address", StringComparison.Ordinal));
        Assert.Equal(2, overdue.Count);
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
    }
}
