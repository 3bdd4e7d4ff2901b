using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;

namespace Custody.Transfers;

/// <summary>The transfer tables as <see cref="TransferEvents"/> reads and changes them: the database in a command, dictionaries when the ledger is replayed.</summary>
public interface ITransferState
{
    Manifest? FindManifest(Guid id);

    ManifestPerson? FindManifestPerson(Guid manifestId, Guid personId);

    CustodyRecord? CurrentCustody(Guid personId);

    Notification? FindNotification(Guid id);

    void Add(object row);
}

/// <summary>
/// The one place transfer entries change state. Commands append an entry and apply it here;
/// verification replays the ledger through the same method, so the stored tables and the rebuilt
/// ones cannot drift apart. Guards against impossible states live in the commands (which refuse
/// before appending); here an entry that does not fit is a corrupt ledger.
/// </summary>
public static class TransferEvents
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        LedgerKinds.ManifestCreated, LedgerKinds.ManifestPersonAdded, LedgerKinds.ManifestPersonRemoved, LedgerKinds.ManifestLocked,
        LedgerKinds.ManifestUnlocked, LedgerKinds.ManifestSubstituted, LedgerKinds.ManifestBoardingRecorded, LedgerKinds.ManifestPersonDisembarked,
        LedgerKinds.ManifestDeparted, LedgerKinds.ManifestArrived, LedgerKinds.ManifestPersonDispatched, LedgerKinds.ManifestPersonReceived,
        LedgerKinds.ManifestDiscrepancyRecorded, LedgerKinds.ManifestAlertRaised, LedgerKinds.ManifestAlertCleared,
        LedgerKinds.CustodyRecorded, LedgerKinds.IncidentRecorded,
        LedgerKinds.NotificationQueued, LedgerKinds.NotificationDelivered, LedgerKinds.NotificationFailed,
    };

    /// <exception cref="InvalidOperationException">The entry does not fit the state (a corrupt or reordered ledger).</exception>
    public static void Apply(ITransferState state, JsonObject p, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(entry);
        switch (entry.Kind)
        {
            case LedgerKinds.ManifestCreated:
                state.Add(new Manifest
                {
                    Id = Id(p, "id"),
                    AgreementId = Text(p, "agreement"),
                    Carrier = Text(p, "carrier"),
                    Movement = Text(p, "movement"),
                    OriginFacilityId = Text(p, "origin"),
                    DestinationFacilityId = Text(p, "destination"),
                    ScheduledDeparture = Instants.Parse(Text(p, "scheduledDeparture")),
                    CreatedBy = entry.Actor,
                    CreatedAt = entry.OccurredAt,
                    Revision = 1,
                    LastSeq = entry.Seq,
                });
                break;
            case LedgerKinds.ManifestPersonAdded:
                Touch(ManifestOf(state, p), entry);
                state.Add(new ManifestPerson
                {
                    ManifestId = Id(p, "manifest"),
                    PersonId = Id(p, "person"),
                    Role = Text(p, "role"),
                    AddedAt = entry.OccurredAt,
                    AddedBy = entry.Actor,
                    Revision = 1,
                    LastSeq = entry.Seq,
                });
                break;
            case LedgerKinds.ManifestPersonRemoved:
                SetStatus(PersonOf(state, p), ManifestPersonStatuses.Removed, p, entry);
                Touch(ManifestOf(state, p), entry);
                break;
            case LedgerKinds.ManifestLocked:
                var locked = ManifestOf(state, p);
                locked.Status = ManifestStatuses.Locked;
                locked.LockedBy = entry.Actor;
                locked.LockedAt = entry.OccurredAt;
                locked.UnlockReason = null;
                Touch(locked, entry);
                break;
            case LedgerKinds.ManifestUnlocked:
                var unlocked = ManifestOf(state, p);
                unlocked.Status = ManifestStatuses.Draft;
                unlocked.UnlockReason = Text(p, "reason");
                Touch(unlocked, entry);
                break;
            case LedgerKinds.ManifestSubstituted:
                var manifestId = Id(p, "manifest");
                var outgoing = state.FindManifestPerson(manifestId, Id(p, "out")) ?? throw Missing("manifest person", p["out"]);
                var incoming = state.FindManifestPerson(manifestId, Id(p, "in")) ?? throw Missing("manifest person", p["in"]);
                SetStatus(outgoing, ManifestPersonStatuses.SubstitutedOut, p, entry);
                outgoing.SubstitutionOf = incoming.PersonId;
                outgoing.SubstitutionApprovedBy = entry.Actor;
                incoming.Role = ManifestRoles.Principal;
                incoming.SubstitutionOf = outgoing.PersonId;
                incoming.SubstitutionApprovedBy = entry.Actor;
                Touch(incoming, entry);
                Touch(ManifestOf(state, p), entry);
                break;
            case LedgerKinds.ManifestBoardingRecorded:
                var boarding = PersonOf(state, p);
                SetStatus(boarding, Text(p, "outcome"), p, entry);
                boarding.IdentityCheckedAgainst = p["identifier"]?.GetValue<string>();
                break;
            case LedgerKinds.ManifestPersonDisembarked:
                var disembarked = PersonOf(state, p);
                SetStatus(disembarked, ManifestPersonStatuses.Disembarked, p, entry);
                ClearAlert(disembarked);
                break;
            case LedgerKinds.ManifestDeparted:
                var departed = ManifestOf(state, p);
                departed.Status = ManifestStatuses.Departed;
                departed.DepartedAt = entry.OccurredAt;
                departed.DepartedBy = entry.Actor;
                Touch(departed, entry);
                break;
            case LedgerKinds.ManifestArrived:
                var arrived = ManifestOf(state, p);
                arrived.Status = ManifestStatuses.Arrived;
                arrived.ArrivedAt = entry.OccurredAt;
                arrived.ArrivedBy = entry.Actor;
                Touch(arrived, entry);
                break;
            case LedgerKinds.ManifestPersonDispatched:
                var dispatched = PersonOf(state, p);
                dispatched.Status = ManifestPersonStatuses.Dispatched;
                dispatched.DispatchedBy = entry.Actor;
                dispatched.DispatchedAt = entry.OccurredAt;
                Touch(dispatched, entry);
                break;
            case LedgerKinds.ManifestPersonReceived:
                var received = PersonOf(state, p);
                received.Status = ManifestPersonStatuses.HandedOver;
                received.ReceivedBy = entry.Actor;
                received.ReceivedAt = entry.OccurredAt;
                Touch(received, entry);
                break;
            case LedgerKinds.ManifestDiscrepancyRecorded:
                Touch(ManifestOf(state, p), entry);
                state.Add(new ManifestDiscrepancy
                {
                    Id = Id(p, "id"),
                    ManifestId = Id(p, "manifest"),
                    PersonId = p["person"] is { } person ? Guid.Parse(person.GetValue<string>()) : null,
                    Kind = Text(p, "kind"),
                    Note = Text(p, "note"),
                    RecordedBy = entry.Actor,
                    RecordedAt = entry.OccurredAt,
                    Seq = entry.Seq,
                });
                break;
            case LedgerKinds.ManifestAlertRaised:
                var alerted = PersonOf(state, p);
                alerted.Alert = Text(p, "alert");
                alerted.AlertRaisedAt = entry.OccurredAt;
                alerted.AlertReasons = string.Join(' ', p["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
                Touch(alerted, entry);
                break;
            case LedgerKinds.ManifestAlertCleared:
                var cleared = PersonOf(state, p);
                ClearAlert(cleared);
                Touch(cleared, entry);
                break;
            case LedgerKinds.ScreeningDecided when p["manifest"] is not null:
                var screened = state.FindManifestPerson(Id(p, "manifest"), Id(p, "personId")) ?? throw Missing("manifest person", p["personId"]);
                screened.ScreenedAt = Instants.Parse(Text(p, "at"));
                screened.ScreeningOutcome = Text(p, "outcome");
                screened.ScreeningReasons = string.Join(' ', p["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
                Touch(screened, entry);
                break;
            case LedgerKinds.CustodyRecorded:
                var personId = Id(p, "person");
                var previous = state.CurrentCustody(personId) ?? throw Missing("current custody record of person", personId);
                var next = CustodyRecord.FromPayload(p, previous.Number + 1, entry);
                previous.SupersededBy(next);
                state.Add(next);
                break;
            case LedgerKinds.IncidentRecorded:
                state.Add(new Incident
                {
                    Id = Id(p, "id"),
                    Kind = Text(p, "kind"),
                    ManifestId = p["manifest"] is { } m ? Guid.Parse(m.GetValue<string>()) : null,
                    FacilityId = p["facility"]?.GetValue<string>(),
                    PersonId = p["person"] is { } who ? Guid.Parse(who.GetValue<string>()) : null,
                    OccurredAt = Instants.Parse(Text(p, "occurredAt")),
                    Details = Text(p, "details"),
                    Circumstances = p["circumstances"]?.GetValue<string>(),
                    Cause = p["cause"]?.GetValue<string>(),
                    RemainsDestination = p["remainsDestination"]?.GetValue<string>(),
                    RecordedBy = entry.Actor,
                    RecordedAt = entry.RecordedAt,
                    Seq = entry.Seq,
                });
                if (p["manifest"] is not null && p["person"] is not null && p["kind"]!.GetValue<string>() is Incident.Death or Incident.Escape)
                {
                    SetStatus(PersonOf(state, p), ManifestPersonStatuses.Lost, p, entry);
                }
                break;
            case LedgerKinds.NotificationQueued:
                state.Add(new Notification
                {
                    Id = Id(p, "id"),
                    Kind = Text(p, "kind"),
                    PersonId = p["person"] is { } subject ? Guid.Parse(subject.GetValue<string>()) : null,
                    ManifestId = p["manifest"] is { } on ? Guid.Parse(on.GetValue<string>()) : null,
                    IncidentId = p["incident"] is { } incident ? Guid.Parse(incident.GetValue<string>()) : null,
                    RecipientRole = Text(p, "recipientRole"),
                    RecipientName = Text(p, "recipientName"),
                    Address = p["address"]?.GetValue<string>(),
                    Language = Text(p, "language"),
                    Subject = Text(p, "subject"),
                    Body = Text(p, "body"),
                    QueuedAt = entry.OccurredAt,
                    DueBy = p["dueBy"] is { } due ? Instants.Parse(due.GetValue<string>()) : null,
                    Revision = 1,
                    LastSeq = entry.Seq,
                });
                break;
            case LedgerKinds.NotificationDelivered:
            case LedgerKinds.NotificationFailed:
                var notification = state.FindNotification(Id(p, "id")) ?? throw Missing("notification", p["id"]);
                notification.Attempts++;
                notification.Channel = Text(p, "channel");
                if (entry.Kind == LedgerKinds.NotificationDelivered)
                {
                    notification.Status = NotificationStatuses.Delivered;
                    notification.DeliveredAt = entry.OccurredAt;
                    notification.LastError = null;
                }
                else
                {
                    notification.Status = NotificationStatuses.Failed;
                    notification.LastError = Text(p, "error");
                }
                notification.Revision++;
                notification.LastSeq = entry.Seq;
                break;
            default:
                throw new InvalidOperationException($"{entry.Kind} is not a transfer entry");
        }
    }

    private static void SetStatus(ManifestPerson person, string status, JsonObject p, LedgerEntry entry)
    {
        person.Status = status;
        person.StatusReason = p["reason"]?.GetValue<string>();
        person.StatusAt = entry.OccurredAt;
        person.StatusBy = entry.Actor;
        Touch(person, entry);
    }

    private static void ClearAlert(ManifestPerson person)
    {
        person.Alert = null;
        person.AlertRaisedAt = null;
        person.AlertReasons = "";
    }

    private static void Touch(Manifest manifest, LedgerEntry entry)
    {
        manifest.Revision++;
        manifest.LastSeq = entry.Seq;
    }

    private static void Touch(ManifestPerson person, LedgerEntry entry)
    {
        person.Revision++;
        person.LastSeq = entry.Seq;
    }

    private static Manifest ManifestOf(ITransferState state, JsonObject p) =>
        state.FindManifest(Id(p, "manifest")) ?? throw Missing("manifest", p["manifest"]);

    private static ManifestPerson PersonOf(ITransferState state, JsonObject p) =>
        state.FindManifestPerson(Id(p, "manifest"), Id(p, "person")) ?? throw Missing("manifest person", p["person"]);

    private static Guid Id(JsonObject p, string name) => Guid.Parse(Text(p, name));

    private static string Text(JsonObject p, string name) => p[name]!.GetValue<string>();

    private static InvalidOperationException Missing(string what, object? key) => new($"{what} {key} does not exist");
}
