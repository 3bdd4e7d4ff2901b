using System.Text.Json.Nodes;
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
    public static void Queue(LedgerWriter ledger, ITransferState state, NotificationDraft draft, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(draft);
        var payload = new JsonObject
        {
            ["id"] = Guid.CreateVersion7(now).ToString(),
            ["kind"] = draft.Kind,
            ["recipientRole"] = draft.RecipientRole,
            ["recipientName"] = draft.RecipientName,
            ["language"] = draft.Language,
            ["subject"] = draft.Subject,
            ["body"] = draft.Body,
        };
        if (draft.PersonId is { } person)
        {
            payload["person"] = person.ToString();
        }
        if (draft.ManifestId is { } manifest)
        {
            payload["manifest"] = manifest.ToString();
        }
        if (draft.IncidentId is { } incident)
        {
            payload["incident"] = incident.ToString();
        }
        if (!string.IsNullOrWhiteSpace(draft.Address))
        {
            payload["address"] = draft.Address;
        }
        if (draft.DueBy is { } due)
        {
            payload["dueBy"] = Instants.ToText(due);
        }
        var subject = draft.PersonId is { } p ? "person:" + p : "manifest:" + draft.ManifestId;
        TransferEvents.Apply(state, payload, ledger.Append(LedgerKinds.NotificationQueued, subject, payload, actor));
    }
}
