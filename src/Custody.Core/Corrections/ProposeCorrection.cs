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

/// <summary>
/// Corrections, never edits (invariant 1): a wrong custody-record time or register field is corrected
/// by a new entry that references what it corrects, with a reason; nothing changes until a second
/// user of the responsible side approves it (<see cref="DecideCorrection"/>).
/// </summary>
public sealed class ProposeCorrection(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<CorrectionView>> HandleAsync(PersonId personId, ProposeCorrectionRequest request, Viewer viewer, CancellationToken cancellationToken = default)
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
            var person = personId.Value;
            if (ofRecord)
            {
                var records = await db.CustodyRecords.AsNoTracking().Where(r => r.PersonId == person).OrderBy(r => r.Number).ToListAsync(cancellationToken);
                var target = records.SingleOrDefault(r => r.Number == request.CustodyRecordNumber);
                if (target is null)
                {
                    return new Invalid([new FieldError("custodyRecordNumber", $"The person has no custody record {request.CustodyRecordNumber}.")]);
                }
                var side = target.Custodian == CustodyRecord.SendingState ? CorrectionSides.Sending : CorrectionSides.Receiving;
                if (!ofRecordTime)
                {
                    work.Record(new CorrectionProposed(id, person, Correction.CustodyRecordField, target.Id, FieldOf(target, request.Field!) ?? "", request.Value!.Trim(),
                        request.Reason!.Trim(), side, request.Field), viewer.Actor);
                    return CorrectionView.Of(work.Store.Find<Correction>(id)!);
                }
                var previous = records.LastOrDefault(r => r.Number < target.Number);
                var next = records.FirstOrDefault(r => r.Number > target.Number);
                if ((previous is not null && corrected < previous.OccurredAt) || (next is not null && corrected > next.OccurredAt))
                {
                    return new Invalid([new FieldError("occurredAt", "A corrected time stays between the records before and after it; correct those first.")]);
                }
                work.Record(new CorrectionProposed(id, person, Correction.CustodyRecordTime, target.Id, Instants.ToText(target.OccurredAt), Instants.ToText(corrected),
                    request.Reason!.Trim(), side, null, previous?.Id), viewer.Actor);
            }
            else
            {
                var admission = await db.Admissions.AsNoTracking().Where(a => a.PersonId == person).OrderByDescending(a => a.AdmittedAt).FirstOrDefaultAsync(cancellationToken);
                if (admission is null)
                {
                    return new Conflict("The person has no admission whose register could be corrected.");
                }
                var old = JsonNode.Parse(admission.Register)![request.Field!];
                work.Record(new CorrectionProposed(id, person, Correction.RegisterField, admission.Id, old?["value"]?.GetValue<string>() ?? old?["status"]?.GetValue<string>() ?? "",
                    request.Value!.Trim(), request.Reason!.Trim(), CorrectionSides.Receiving, request.Field), viewer.Actor);
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
}
