using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>An incident as reported; for a death the circumstances are required, cause and remains when known.</summary>
public sealed record RecordIncidentRequest(string? Kind, Guid? PersonId, string? OccurredAt, string? Details, string? Circumstances, string? Cause,
    string? RemainsDestination);

/// <summary>Where invariant-6 reports go: an authority independent of the custodian, and how long each notice may take.</summary>
public sealed class IncidentOptions
{
    public string IndependentAuthorityName { get; set; } = "Independent monitor";

    public string? IndependentAuthorityAddress { get; set; }

    public int ReportDeadlineHours { get; set; } = 24;

    public int NextOfKinDeadlineHours { get; set; } = 24;

    /// <summary>Where a sending state is told of incidents concerning people held on its behalf, by state code; a state with none is still queued and fails visibly.</summary>
    public Dictionary<string, string> SendingStateAddresses { get; set; } = [];

    /// <summary>
    /// A notice to the independent authority, rendered from its template in English (the one language
    /// every report to it is written in) and addressed: incident reports, referred complaints, overdue requests.
    /// </summary>
    public NotificationDraft ToIndependentAuthority(string kind, IReadOnlyDictionary<string, string> values, Guid? personId, DateTime? dueBy,
        Guid? manifestId = null, Guid? incidentId = null)
    {
        var (subject, body) = NotificationTemplates.Render(kind, "en", values);
        return new(kind, personId, manifestId, incidentId, "independent-authority", IndependentAuthorityName, IndependentAuthorityAddress, "en", subject, body, dueBy);
    }
}

/// <summary>
/// Incidents in transit. A death, serious injury or escape queues at once — in the same
/// transaction — a report to the independent authority and a notice to next of kin, each with a
/// deadline (DOMAIN.md invariant 6); a use of force queues the report. A death or escape also
/// moves the person's custody record (deceased; at large), so nobody vanishes from the record.
/// </summary>
public sealed class IncidentCommands(CustodyDbContext db, TimeProvider time, IncidentOptions options)
{
    public Task<Result<ManifestView>> RecordInTransitAsync(Guid manifestId, RecordIncidentRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var occurredAt = CommonFields(request, Incident.Kinds, errors);
        if (request.Kind == Incident.Death && string.IsNullOrWhiteSpace(request.Circumstances))
        {
            errors.Add(new FieldError("circumstances", "Required for a death."));
        }
        if (request.Kind is Incident.Death or Incident.Escape or Incident.SeriousInjury && request.PersonId is null)
        {
            errors.Add(new FieldError("personId", "Required: who died, was injured or escaped."));
        }
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        return new ManifestCommands(db, time).InSessionAsync(manifestId, viewer, async (session, now) =>
        {
            if (session.Manifest.Status == ManifestStatuses.Draft)
            {
                return await session.ConflictAsync("Nobody is in transit on a draft manifest; record the incident at the facility.", cancellationToken);
            }
            ManifestPerson? onManifest = null;
            if (request.PersonId is { } personId)
            {
                onManifest = session.Person(personId);
                if (onManifest is null)
                {
                    return new NotFound($"Person {personId} is not on manifest {manifestId}.");
                }
                if (request.Kind is Incident.Death or Incident.Escape && onManifest.Status is not (ManifestPersonStatuses.Boarded or ManifestPersonStatuses.Dispatched))
                {
                    return await session.ConflictAsync($"The person is {onManifest.Status}, not in transit: record this at the facility where they are.", cancellationToken);
                }
            }
            var id = Guid.CreateVersion7(now);
            session.Record(Recorded(id, request, occurredAt!.Value, manifestId, null), viewer.Actor);
            if (onManifest is not null && request.Kind is Incident.Death or Incident.Escape)
            {
                var current = session.Work.Store.CurrentCustody(onManifest.PersonId)!;
                session.RecordCustody(onManifest.PersonId, request.Kind == Incident.Death ? CustodyEvents.Died : CustodyEvents.Escaped, current.Custodian, current.OnBehalfOf,
                    request.Kind == Incident.Death ? CustodyPlaces.Deceased : CustodyPlaces.AtLarge, null, current.LegalAuthority, current.Funder,
                    $"incident:{id}", Later(occurredAt!.Value, current.OccurredAt), viewer.Actor);
            }
            // The sending state is told by notice whenever another state holds the person (a return is escorted by the state that held them).
            var holder = onManifest is null ? null : session.Work.Store.CurrentCustody(onManifest.PersonId)?.Custodian;
            holder ??= session.Manifest.IsReturn ? session.Agreement.ReceivingState : session.Agreement.SendingState;
            await QueueNoticesAsync(session.Work, new IncidentPlace(session.Manifest.Id, $"in transit, {session.Manifest.Carrier} {session.Manifest.Movement}",
                $"{holder} ({session.Manifest.Carrier} {session.Manifest.Movement})", holder == session.Agreement.SendingState ? null : session.Agreement.SendingState),
                id, request, occurredAt!.Value, viewer.Actor, now, cancellationToken);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// An incident in a facility (death, serious injury, disappearance/escape, use of force,
    /// allegation of ill-treatment). The report to the independent authority and (for a death,
    /// serious injury or disappearance) the next-of-kin notice are queued at once with deadlines;
    /// the sending state sees the incident on the incidents list of people held on its behalf.
    /// A death or disappearance ends the admission and moves the custody record.
    /// </summary>
    public async Task<Result<IncidentView>> RecordInFacilityAsync(string facilityId, RecordIncidentRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var occurredAt = CommonFields(request, Incident.FacilityKinds, errors);
        if (request.Kind == Incident.Death)
        {
            TransferInput.Require(errors, "circumstances", request.Circumstances, 4000);
            TransferInput.Require(errors, "cause", request.Cause, 1000);
            TransferInput.Require(errors, "remainsDestination", request.RemainsDestination, 1000);
        }
        if (request.PersonId is null && request.Kind != Incident.UseOfForce)
        {
            errors.Add(new FieldError("personId", "Required: the person concerned."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<IncidentView>(db, time, async work =>
        {
            var facility = await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.Id == facilityId, cancellationToken);
            if (facility is null)
            {
                return new NotFound($"No facility {facilityId}.");
            }
            var store = work.Store;
            var now = time.GetUtcNow();
            Facilities.Admission? admission = null;
            CustodyRecord? custody = null;
            if (request.PersonId is { } personId)
            {
                // Held here: admitted, or handed over to this facility and not yet admitted (no one falls between the two).
                admission = store.OpenAdmission(personId) is { } open && open.FacilityId == facilityId ? open : null;
                custody = store.CurrentCustody(personId);
                if (admission is null && (custody is not { PlaceKind: CustodyPlaces.Facility or CustodyPlaces.Hospital } || custody.FacilityId != facilityId))
                {
                    return new StateConflict($"Person {personId} is not held at {facilityId}.", "not-held-here");
                }
                var since = admission?.AdmittedAt ?? custody!.OccurredAt;
                if (occurredAt < since)
                {
                    return new Invalid([new FieldError("occurredAt", "The incident is recorded at this facility after the person arrived in its custody.")]);
                }
            }
            var id = Guid.CreateVersion7(now);
            work.Record(Recorded(id, request, occurredAt!.Value, null, facilityId), viewer.Actor);
            if (request is { PersonId: { } who, Kind: Incident.Death or Incident.Escape })
            {
                if (admission is not null)
                {
                    work.Record(new Facilities.PersonReleased(who, admission.Id, request.Kind == Incident.Death ? CustodyEvents.Died : CustodyEvents.Escaped,
                        Later(occurredAt.Value, admission.AdmittedAt), request.Kind == Incident.Death ? request.RemainsDestination!.Trim() : "unknown", facility.Name), viewer.Actor);
                }
                var current = store.CurrentCustody(who)!;
                new CustodyChange(who, request.Kind == Incident.Death ? CustodyEvents.Died : CustodyEvents.Escaped, current.Custodian, current.OnBehalfOf,
                    request.Kind == Incident.Death ? CustodyPlaces.Deceased : CustodyPlaces.AtLarge, request.Kind == Incident.Death ? null : facilityId, null,
                    current.AgreementId, current.LegalAuthority, current.Funder, $"incident:{id}", Later(occurredAt.Value, current.OccurredAt)).Record(work, viewer.Actor);
            }
            // In hospital the place is the hospital (the custody record's note), under the facility's escort.
            var place = custody is { PlaceKind: CustodyPlaces.Hospital } ? $"{custody.Note} (in hospital under the escort of {facility.Name})" : $"{facility.Name}, {facility.Address}";
            await QueueNoticesAsync(work, new IncidentPlace(null, place, $"{facility.Name}, {facility.Telephone}", custody?.OnBehalfOf),
                id, request, occurredAt.Value, viewer.Actor, now, cancellationToken);
            return IncidentView.Of(db.Incidents.Local.Single(i => i.Id == id));
        }, cancellationToken);
    }

    /// <summary>
    /// An incident concerning a person, recorded wherever their current custody record says they
    /// are — on a movement (in transit, or held pending return), handed over and awaiting
    /// admission, admitted with or without a cell, or in hospital — through the same commands, so
    /// the report, the next-of-kin notice and the sending state's notice are queued on every path.
    /// </summary>
    public async Task<Result<IncidentView>> RecordForPersonAsync(Guid personId, RecordIncidentRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var current = await db.CustodyRecords.AsNoTracking().SingleAsync(r => r.PersonId == personId && r.IsCurrent, cancellationToken);
        request = request with { PersonId = personId };
        switch (current)
        {
            case { PlaceKind: CustodyPlaces.Manifest, ManifestId: { } manifestId }:
                var recorded = await RecordInTransitAsync(manifestId, request, viewer, cancellationToken);
                return recorded.Failure is { } failure ? failure : IncidentView.Of(await db.Incidents.AsNoTracking().Where(i => i.ManifestId == manifestId && i.PersonId == personId)
                    .OrderByDescending(i => i.Seq).FirstAsync(cancellationToken));
            case { PlaceKind: CustodyPlaces.Facility or CustodyPlaces.Hospital, FacilityId: { } facilityId }:
                return await RecordInFacilityAsync(facilityId, request, viewer, cancellationToken);
            default:
                return new StateConflict($"The person's current custody record ({current.Event}, {current.PlaceKind}) names no place where Custody records incidents.", current.PlaceKind);
        }
    }

    // A custody record never starts before the one it supersedes.
    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Where an incident happened and whom to call.</summary>
    /// <summary>Where an incident happened, whom to call, and the state on whose behalf the person is held (told by notice too).</summary>
    private sealed record IncidentPlace(Guid? ManifestId, string Description, string Contact, string? OnBehalfOf = null);

    private async Task QueueNoticesAsync(UnitOfWork work, IncidentPlace place, Guid incidentId, RecordIncidentRequest request, DateTime occurredAt,
        string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var person = request.PersonId is { } id ? await db.People.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken) : null;
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
    private DateTime? CommonFields(RecordIncidentRequest request, IReadOnlyList<string> kinds, List<FieldError> errors)
    {
        if (request.Kind is null || !kinds.Contains(request.Kind))
        {
            errors.Add(new FieldError("kind", $"One of: {string.Join(", ", kinds)}."));
        }
        TransferInput.Require(errors, "details", request.Details, 4000);
        return TransferInput.Past(errors, "occurredAt", request.OccurredAt, time.GetUtcNow());
    }

    private static IncidentRecorded Recorded(Guid id, RecordIncidentRequest request, DateTime occurredAt, Guid? manifestId, string? facilityId) =>
        new(id, request.Kind!, occurredAt, request.Details!.Trim(), manifestId, facilityId, request.PersonId,
            Trimmed(request.Circumstances), Trimmed(request.Cause), Trimmed(request.RemainsDestination));

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
