using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Complaints;

/// <summary>Who files (person, counsel, relative), what kind (request, complaint, ill-treatment), and what it says.</summary>
public sealed record FileComplaintRequest(string? FiledBy, string? Kind, string? Text);

public sealed record AnswerComplaintRequest(string? Answer);

/// <summary>How long the facility has to acknowledge and to answer.</summary>
public sealed class ComplaintOptions
{
    public int AcknowledgeHours { get; set; } = 24;

    public int AnswerDays { get; set; } = 7;
}

public sealed record ComplaintView(Guid Id, Guid PersonId, string? FacilityId, string FiledBy, string Kind, string Text, string Status, DateTime ReceivedAt,
    DateTime AcknowledgeBy, DateTime AnswerBy, DateTime? AcknowledgedAt, string? Answer, DateTime? AnsweredAt, DateTime? ReferredAt, bool Overdue)
{
    public static ComplaintView Of(Complaint c, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(c);
        var overdue = c.AnsweredAt is null && ((c.AcknowledgedAt is null && now > c.AcknowledgeBy) || now > c.AnswerBy);
        return new(c.Id, c.PersonId, c.FacilityId, c.FiledBy, c.Kind, c.Text, c.Status, c.ReceivedAt, c.AcknowledgeBy, c.AnswerBy, c.AcknowledgedAt, c.Answer,
            c.AnsweredAt, c.ReferredAt, overdue);
    }
}

/// <summary>
/// Requests and complaints (Mandela Rules 56–57): received with deadlines to acknowledge and answer;
/// a complaint of ill-treatment is referred to the independent authority in the same transaction,
/// queued like an invariant-6 report with its deadline. Counsel file for their own clients only.
/// </summary>
public sealed class ComplaintCommands(CustodyDbContext db, TimeProvider time, ComplaintOptions options, Transfers.IncidentOptions incidents)
{
    public async Task<Result<ComplaintView>> FileAsync(Guid personId, FileComplaintRequest r, Viewer viewer, CancellationToken cancellationToken = default)
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

    public Task<Result<ComplaintView>> AcknowledgeAsync(Guid complaintId, Viewer viewer, CancellationToken cancellationToken = default) =>
        ChangeAsync(complaintId, viewer, (complaint, work) =>
        {
            if (complaint.Status != Complaint.Received)
            {
                return new Conflict($"The complaint is already {complaint.Status}.");
            }
            work.Record(new ComplaintAcknowledged(complaint.Id, complaint.PersonId), viewer.Actor);
            return null;
        }, cancellationToken);

    public Task<Result<ComplaintView>> AnswerAsync(Guid complaintId, AnswerComplaintRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (string.IsNullOrWhiteSpace(r.Answer) || r.Answer.Trim().Length > 4000)
        {
            return Task.FromResult(Result<ComplaintView>.Fail(new Invalid([new FieldError("answer", "Required: the answer given (1 to 4000 characters).")])));
        }
        return ChangeAsync(complaintId, viewer, (complaint, work) =>
        {
            if (complaint.Status == Complaint.Answered)
            {
                return new Conflict("The complaint was already answered.");
            }
            work.Record(new ComplaintAnswered(complaint.Id, complaint.PersonId, r.Answer.Trim()), viewer.Actor);
            return null;
        }, cancellationToken);
    }

    public async Task<Result<IReadOnlyList<ComplaintView>>> ListAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var now = Instants.Now(time);
        return (await db.Complaints.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.ReceivedAt).ToListAsync(cancellationToken))
            .Select(c => ComplaintView.Of(c, now)).ToList();
    }

    /// <summary>Complaints not yet answered whose acknowledgement or answer is late, oldest first.</summary>
    public async Task<IReadOnlyList<ComplaintView>> OverdueAsync(CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        return (await db.Complaints.AsNoTracking().Where(c => c.AnsweredAt == null && ((c.AcknowledgedAt == null && c.AcknowledgeBy < now) || c.AnswerBy < now))
            .OrderBy(c => c.ReceivedAt).ToListAsync(cancellationToken)).Select(c => ComplaintView.Of(c, now)).ToList();
    }

    private Task<Result<ComplaintView>> ChangeAsync(Guid complaintId, Viewer viewer, Func<Complaint, UnitOfWork, Failure?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<ComplaintView>(db, time, async work =>
        {
            var complaint = work.Store.Find<Complaint>(complaintId);
            if (complaint is null || await viewer.FindPersonAsync(db, complaint.PersonId, cancellationToken) is null)
            {
                return new NotFound($"No complaint {complaintId}.");
            }
            return change(complaint, work) is { } refusal ? refusal : ComplaintView.Of(complaint, Instants.Now(time));
        }, cancellationToken);
    }
}
