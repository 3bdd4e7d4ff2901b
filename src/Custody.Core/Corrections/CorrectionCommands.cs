using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Facilities;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Corrections;

/// <summary>
/// A proposed correction: of a custody record's time (<c>custodyRecordNumber</c> and <c>occurredAt</c>,
/// RFC 3339) or of one of its fields (<c>custodyRecordNumber</c>, <c>field</c> legalAuthority, funder or
/// note, and <c>value</c>), or of a field of the person's admission register (<c>field</c> and <c>value</c>);
/// always with a reason.
/// </summary>
public sealed record ProposeCorrectionRequest(int? CustodyRecordNumber = null, string? OccurredAt = null, string? Field = null, string? Value = null, string? Reason = null);

/// <summary>The second user's decision: approve, or reject with a reason.</summary>
public sealed record DecideCorrectionRequest(bool Approve, string? Reason = null);

public sealed record CorrectionView(Guid Id, Guid PersonId, string Target, Guid TargetId, string? Field, string OldValue, string NewValue, string Reason, string Side,
    string ProposedBy, DateTime ProposedAt, string Status, string? DecidedBy, DateTime? DecidedAt, string? DecisionReason)
{
    public static CorrectionView Of(Correction c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.PersonId, c.Target, c.TargetId, c.Field, c.OldValue, c.NewValue, c.Reason, c.Side, c.ProposedBy, c.ProposedAt, c.Status, c.DecidedBy,
            c.DecidedAt, c.DecisionReason);
    }
}

/// <summary>
/// Corrections, never edits (invariant 1): a wrong custody-record time or register field is corrected
/// by a new entry that references what it corrects, with a reason, and takes effect only when a second
/// user of the responsible side approves it — the custodian's side for a custody record, the receiving
/// side for the register.
/// </summary>
public sealed class CorrectionCommands(CustodyDbContext db, TimeProvider time)
{
    public const string Sending = "sending";
    public const string Receiving = "receiving";

    /// <summary>The roles that act for each side on records (DOMAIN.md).</summary>
    public static IReadOnlyList<string> RolesOf(string side) => side == Sending
        ? [Roles.CaseOfficer, Roles.LegalReviewer, Roles.TransferSupervisor]
        : [Roles.ReceptionOfficer, Roles.FacilityDirector];

    public async Task<Result<CorrectionView>> ProposeAsync(Guid personId, ProposeCorrectionRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var now = Instants.Now(time);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add(new FieldError("reason", "Say why the record is wrong."));
        }
        var ofRecord = request.CustodyRecordNumber is not null;
        var ofRecordTime = ofRecord && request.Field is null;
        if (!ofRecord && request.Field is null)
        {
            errors.Add(new FieldError("custodyRecordNumber", "Correct a custody record's time (custodyRecordNumber, occurredAt) or field (custodyRecordNumber, field, value), or a register field (field, value)."));
        }
        DateTime corrected = default;
        if (ofRecordTime && (!Instants.TryParseRfc3339(request.OccurredAt, out var at) || (corrected = Instants.Utc(at)) > now))
        {
            errors.Add(new FieldError("occurredAt", "Give the correct time, RFC 3339, not in the future."));
        }
        if (request.Field is { } field)
        {
            var fields = ofRecord ? Correction.CustodyRecordFields : Admission.RequiredFields;
            if (!fields.Contains(field))
            {
                errors.Add(new FieldError("field", ofRecord ? $"A custody record's correctable fields are {string.Join(", ", fields)} (and its time, as occurredAt)." : $"'{field}' is not a register field."));
            }
            else if (string.IsNullOrWhiteSpace(request.Value) || request.Value.Trim().Length > 1000)
            {
                errors.Add(new FieldError("value", "Give the correct value (at most 1,000 characters)."));
            }
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<CorrectionView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            if (ofRecord)
            {
                var records = await db.CustodyRecords.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.Number).ToListAsync(cancellationToken);
                var target = records.SingleOrDefault(r => r.Number == request.CustodyRecordNumber);
                if (target is null)
                {
                    return new Invalid([new FieldError("custodyRecordNumber", $"The person has no custody record {request.CustodyRecordNumber}.")]);
                }
                var side = target.Custodian == CustodyRecord.SendingState ? Sending : Receiving;
                if (!ofRecordTime)
                {
                    work.Record(new CorrectionProposed(id, personId, Correction.CustodyRecordField, target.Id, FieldOf(target, request.Field!) ?? "", request.Value!.Trim(),
                        request.Reason!.Trim(), side, request.Field), viewer.Actor);
                    return CorrectionView.Of(work.Store.Find<Correction>(id)!);
                }
                var previous = records.LastOrDefault(r => r.Number < target.Number);
                var next = records.FirstOrDefault(r => r.Number > target.Number);
                if ((previous is not null && corrected < previous.OccurredAt) || (next is not null && corrected > next.OccurredAt))
                {
                    return new Invalid([new FieldError("occurredAt", "A corrected time stays between the records before and after it; correct those first.")]);
                }
                work.Record(new CorrectionProposed(id, personId, Correction.CustodyRecordTime, target.Id, Instants.ToText(target.OccurredAt), Instants.ToText(corrected),
                    request.Reason!.Trim(), side, null, previous?.Id), viewer.Actor);
            }
            else
            {
                var admission = await db.Admissions.AsNoTracking().Where(a => a.PersonId == personId).OrderByDescending(a => a.AdmittedAt).FirstOrDefaultAsync(cancellationToken);
                if (admission is null)
                {
                    return new Conflict("The person has no admission whose register could be corrected.");
                }
                var old = JsonNode.Parse(admission.Register)![request.Field!];
                work.Record(new CorrectionProposed(id, personId, Correction.RegisterField, admission.Id, old?["value"]?.GetValue<string>() ?? old?["status"]?.GetValue<string>() ?? "",
                    request.Value!.Trim(), request.Reason!.Trim(), Receiving, request.Field), viewer.Actor);
            }
            return CorrectionView.Of(work.Store.Find<Correction>(id)!);
        }, cancellationToken);
    }

    private static string? FieldOf(CustodyRecord record, string field) => field switch
    {
        "legalAuthority" => record.LegalAuthority,
        "funder" => record.Funder,
        _ => record.Note,
    };

    public async Task<Result<CorrectionView>> DecideAsync(Guid correctionId, DecideCorrectionRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!request.Approve && string.IsNullOrWhiteSpace(request.Reason))
        {
            return new Invalid([new FieldError("reason", "Say why the correction is rejected.")]);
        }
        return await UnitOfWork.RunAsync<CorrectionView>(db, time, work => Task.FromResult(Decide(work, correctionId, request, viewer)), cancellationToken);
    }

    private static Result<CorrectionView> Decide(UnitOfWork work, Guid correctionId, DecideCorrectionRequest request, Viewer viewer)
    {
        if (work.Store.Find<Correction>(correctionId) is not { } correction)
        {
            return new NotFound($"No correction {correctionId}.");
        }
        if (correction.Status != Correction.Proposed)
        {
            return new Conflict($"The correction was already {correction.Status} by {correction.DecidedBy}.");
        }
        if (correction.ProposedBy == viewer.Actor)
        {
            return new Forbidden("A correction is approved or rejected by a second user, not the one who proposed it.");
        }
        if (!RolesOf(correction.Side).Any(r => viewer.Roles?.Contains(r) == true))
        {
            return new Forbidden($"Only the {correction.Side} side ({string.Join(", ", RolesOf(correction.Side))}) decides a correction of its own records.");
        }
        if (request.Approve)
        {
            work.Record(new CorrectionApproved(correctionId, correction.PersonId), viewer.Actor);
        }
        else
        {
            work.Record(new CorrectionRejected(correctionId, correction.PersonId, request.Reason!.Trim()), viewer.Actor);
        }
        return CorrectionView.Of(correction);
    }

    public async Task<Result<IReadOnlyList<CorrectionView>>> ListAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        return (await db.Corrections.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.ProposedAt).ToListAsync(cancellationToken))
            .Select(CorrectionView.Of).ToList();
    }
}
