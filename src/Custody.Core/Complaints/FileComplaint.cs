using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;

namespace Custody.Complaints;

/// <summary>Who files (person, counsel, relative), what kind (request, complaint, ill-treatment), and what it says.</summary>
public sealed record FileComplaintRequest(string? FiledBy, string? Kind, string? Text);

/// <summary>
/// Receives a request or complaint (Mandela Rules 56–57) from the person, counsel or a relative, with
/// deadlines to acknowledge and answer. A complaint of ill-treatment is referred to the independent
/// authority in the same transaction, queued like an invariant-6 report with its deadline: the
/// custodian never sits on an allegation against itself. Counsel file for their own clients only.
/// </summary>
public sealed class FileComplaint(CustodyDbContext db, TimeProvider time, ComplaintOptions options, Transfers.IncidentOptions incidents) : IUseCase
{
    public async Task<Result<ComplaintView>> HandleAsync(PersonId personId, FileComplaintRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (r.FiledBy is null || !Complaint.Filers.Contains(r.FiledBy))
        {
            errors.Add(new FieldError("filedBy", $"One of: {string.Join(", ", Complaint.Filers)}."));
        }
        if (r.Kind is null || !Complaint.Kinds.Contains(r.Kind))
        {
            errors.Add(new FieldError("kind", $"One of: {string.Join(", ", Complaint.Kinds)}."));
        }
        Transfers.TransferInput.Require(errors, "text", r.Text, 4000);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<ComplaintView>(db, time, async work =>
        {
            var person = await viewer.FindPersonAsync(db, personId, cancellationToken);
            if (person is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var now = time.GetUtcNow();
            var received = Instants.Utc(now);
            var facility = work.Store.CurrentCustody(personId)?.FacilityId;
            var id = Guid.CreateVersion7(now);
            var illTreatment = r.Kind == Complaint.IllTreatment;
            work.Record(new ComplaintReceived(id, personId, r.FiledBy!, r.Kind!, r.Text!.Trim(), received.AddHours(options.AcknowledgeHours), received.AddDays(options.AnswerDays),
                facility, illTreatment), viewer.Actor);
            if (illTreatment)
            {
                // Rule 57(3): an allegation of ill-treatment goes at once to an authority independent of the custodian.
                var due = received.AddHours(incidents.ReportDeadlineHours);
                var values = new Dictionary<string, string>
                {
                    ["person"] = $"{person.GivenName} {person.FamilyName} ({person.ExternalId})",
                    ["incidentKind"] = NotificationTemplates.IncidentName(Transfers.Incident.IllTreatmentAllegation, "en"),
                    ["occurredAt"] = NotificationTemplates.When(received),
                    ["place"] = facility ?? "(not in a facility)",
                    ["details"] = $"Complaint filed by the {r.FiledBy}: {r.Text.Trim()}",
                    ["recordedBy"] = viewer.Actor,
                    ["contact"] = facility ?? "",
                    ["dueBy"] = NotificationTemplates.When(due),
                };
                Outbox.Queue(work, incidents.ToIndependentAuthority(NotificationKinds.IncidentReport, values, personId, due), viewer.Actor, now);
            }
            return ComplaintView.Of(work.Store.Find<Complaint>(id)!, received);
        }, cancellationToken);
    }
}
