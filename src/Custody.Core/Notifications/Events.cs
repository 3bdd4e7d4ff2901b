using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Notifications;

/// <summary>A notice queued in the outbox (invariants 5 and 6): about whom, to whom, in which language, due by when.</summary>
public sealed record NotificationQueued(Guid Id, string Kind, string RecipientRole, string RecipientName, string Language, string Subject, string Body,
    Guid? Person = null, Guid? Manifest = null, Guid? Incident = null, string? Address = null, DateTime? DueBy = null) : ILedgerEvent<NotificationQueued>
{
    public static string EntryKind => "notification.queued";

    // Explicit: the notice has a subject line of its own (Subject, above).
    string ILedgerEvent.Subject() => Person is { } person ? "person:" + person : "manifest:" + Manifest;
}

/// <summary>A notice was delivered through a channel.</summary>
public sealed record NotificationDelivered(Guid Id, string Channel, Guid? Person = null) : ILedgerEvent<NotificationDelivered>
{
    public static string EntryKind => "notification.delivered";

    public string Subject() => Person is { } person ? "person:" + person : "notification:" + Id;
}

/// <summary>A delivery attempt failed, and why; the notice stays in the outbox and its deadline keeps running.</summary>
public sealed record NotificationFailed(Guid Id, string Channel, string Error, Guid? Person = null) : ILedgerEvent<NotificationFailed>
{
    public static string EntryKind => "notification.failed";

    public string Subject() => Person is { } person ? "person:" + person : "notification:" + Id;
}

/// <summary>Applies the outbox's events to its table.</summary>
public static class NotificationsProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Projects<Notification>()
            .On<NotificationQueued>((e, entry, store) => store.Add(new Notification
            {
                Id = e.Id,
                Kind = e.Kind,
                PersonId = e.Person,
                ManifestId = e.Manifest,
                IncidentId = e.Incident,
                RecipientRole = e.RecipientRole,
                RecipientName = e.RecipientName,
                Address = e.Address,
                Language = e.Language,
                Subject = e.Subject,
                Body = e.Body,
                QueuedAt = entry.OccurredAt,
                DueBy = e.DueBy,
                Revision = 1,
                LastSeq = entry.Seq,
            }))
            .On<NotificationDelivered>((e, entry, store) =>
            {
                var notification = Attempted(store, e.Id, e.Channel, entry);
                notification.Status = NotificationStatuses.Delivered;
                notification.DeliveredAt = entry.OccurredAt;
                notification.LastError = null;
            })
            .On<NotificationFailed>((e, entry, store) =>
            {
                var notification = Attempted(store, e.Id, e.Channel, entry);
                notification.Status = NotificationStatuses.Failed;
                notification.LastError = e.Error;
            });
    }

    private static Notification Attempted(IProjectionStore store, Guid id, string channel, LedgerEntry entry)
    {
        var notification = store.Find<Notification>(id) ?? throw new InvalidOperationException($"notification {id} does not exist");
        notification.Attempts++;
        notification.Channel = channel;
        notification.Revision++;
        notification.LastSeq = entry.Seq;
        return notification;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(NotificationQueued))]
[JsonSerializable(typeof(NotificationDelivered))]
[JsonSerializable(typeof(NotificationFailed))]
internal sealed partial class NotificationsEventsJson : JsonSerializerContext;
