using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>
/// What every incident shares, wherever it happened: its fields, its event, and the notices of
/// DOMAIN.md invariant 6 queued at once — in the same transaction — with deadlines: the report to
/// the independent authority, the sending state's notice when another state holds the person, and
/// (but for a use of force or an allegation) the next-of-kin notice.
/// </summary>
internal static class IncidentNotices
{
    // A custody record never starts before the one it supersedes.
    public static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Where an incident happened, whom to call, and the state on whose behalf the person is held (told by notice too).</summary>
    public sealed record Place(Guid? ManifestId, string Description, string Contact, string? OnBehalfOf = null);

    public static async Task QueueNoticesAsync(CustodyDbContext db, IncidentOptions options, UnitOfWork work, Place place, Guid incidentId, RecordIncidentRequest request, DateTime occurredAt,
        string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var person = request.PersonId is { } id ? await db.People.AsNoTracking().SingleAsync(p => p.Id == id.Value, cancellationToken) : null;
        var language = person is null ? "en" : NotificationTemplates.LanguageFor(person.Languages.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var values = new Dictionary<string, string>
        {
            ["person"] = person is null ? "(no person named)" : $"{person.GivenName} {person.FamilyName} ({person.ExternalId})",
            ["incidentKind"] = NotificationTemplates.IncidentName(request.Kind!, language),
            ["occurredAt"] = NotificationTemplates.When(occurredAt),
            ["place"] = place.Description,
            ["details"] = request.Details!.Trim(),
            ["recordedBy"] = actor,
            ["contact"] = place.Contact,
        };
        var reportDue = Instants.Utc(now).AddHours(options.ReportDeadlineHours);
        values["dueBy"] = NotificationTemplates.When(reportDue);
        var report = options.ToIndependentAuthority(NotificationKinds.IncidentReport, values, person?.Id, reportDue, place.ManifestId, incidentId);
        Outbox.Queue(work, report, actor, now);
        // The state on whose behalf the person is held is told by a notice too, not only by the incidents list.
        if (place.OnBehalfOf is { } sendingState)
        {
            Outbox.Queue(work, new NotificationDraft(NotificationKinds.IncidentSendingState, person?.Id, place.ManifestId, incidentId,
                "sending-state", $"Authorities of {sendingState}", options.SendingStateAddresses.GetValueOrDefault(sendingState), "en", report.Subject, report.Body, reportDue),
                actor, now);
        }
        if (request.Kind is Incident.UseOfForce or Incident.IllTreatmentAllegation || person is null)
        {
            return;
        }
        // Next of kin: the designated family contact, else the first on record; with none, the notice is still queued (and fails visibly).
        var contacts = person.FactsObject()["familyContacts"] as JsonArray ?? [];
        var kin = contacts.FirstOrDefault(c => c?["designated"]?.GetValue<bool>() == true) ?? contacts.FirstOrDefault();
        var (kinSubject, kinBody) = NotificationTemplates.Render(NotificationKinds.IncidentNextOfKin, language, values);
        Outbox.Queue(work, new NotificationDraft(NotificationKinds.IncidentNextOfKin, person.Id, place.ManifestId, incidentId,
            "next-of-kin", kin?["name"]?.GetValue<string>() ?? "Next of kin (none on record)", kin?["email"]?.GetValue<string>() ?? kin?["phone"]?.GetValue<string>(),
            language, kinSubject, kinBody, Instants.Utc(now).AddHours(options.NextOfKinDeadlineHours)), actor, now);
    }

    // What every incident states: a kind of the place's list, details, and when (in the past; default now).
    public static DateTime? CommonFields(RecordIncidentRequest request, IReadOnlyList<string> kinds, List<FieldError> errors, DateTimeOffset now)
    {
        if (request.Kind is null || !kinds.Contains(request.Kind))
        {
            errors.Add(new FieldError("kind", $"One of: {string.Join(", ", kinds)}."));
        }
        TransferInput.Require(errors, "details", request.Details, 4000);
        return TransferInput.Past(errors, "occurredAt", request.OccurredAt, now);
    }

    public static IncidentRecorded Recorded(Guid id, RecordIncidentRequest request, DateTime occurredAt, Guid? manifestId, string? facilityId) =>
        new(id, request.Kind!, occurredAt, request.Details!.Trim(), manifestId, facilityId, request.PersonId?.Value,
            Trimmed(request.Circumstances), Trimmed(request.Cause), Trimmed(request.RemainsDestination));

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
