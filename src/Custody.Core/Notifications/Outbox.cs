using Custody.Common;
using Custody.Ledger;
using Custody.Transfers;

namespace Custody.Notifications;

/// <summary>A notice to queue: who it is about, to whom, in what language, and by when it must go.</summary>
public sealed record NotificationDraft(string Kind, Guid? PersonId, Guid? ManifestId, Guid? IncidentId, string RecipientRole, string RecipientName,
    string? Address, string Language, string Subject, string Body, DateTime? DueBy);

/// <summary>Queues notices inside the caller's unit of work, so the event and its notices commit together.</summary>
public static class Outbox
{
    public static void Queue(UnitOfWork work, NotificationDraft draft, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(draft);
        work.Record(new NotificationQueued(Guid.CreateVersion7(now), draft.Kind, draft.RecipientRole, draft.RecipientName, draft.Language, draft.Subject, draft.Body,
            draft.PersonId, draft.ManifestId, draft.IncidentId, string.IsNullOrWhiteSpace(draft.Address) ? null : draft.Address, draft.DueBy), actor);
    }
}
