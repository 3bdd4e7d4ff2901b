using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

public sealed record CustodyRecordView(int Number, string Event, string Custodian, string? OnBehalfOf, string PlaceKind, string? FacilityId, string? FacilityName,
    string? FacilityAddress, string? FacilityTelephone, Guid? ManifestId, string? AgreementId, string LegalAuthority, string Funder, string? Note,
    DateTime OccurredAt, DateTime RecordedAt, DateTime? EndedAt, bool IsCurrent, string? CorrectedFrom = null, string? CorrectionReason = null);

/// <summary>A person's custody timeline, oldest first; the last record is the current one.</summary>
public sealed class ReadCustody(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<CustodyRecordView>>> TimelineAsync(Guid personId, Viewer viewer, bool logAccess, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        if (logAccess)
        {
            await AccessLog.RecordAsync(db, time, new PersonViewed(personId, "custody-timeline"), viewer.Actor, cancellationToken);
        }
        var rows = await (from r in db.CustodyRecords.AsNoTracking()
                          join f in db.Facilities.AsNoTracking() on r.FacilityId equals f.Id into facilities
                          from f in facilities.DefaultIfEmpty()
                          where r.PersonId == personId
                          orderby r.Number
                          select new
                          {
                              r.Id,
                              View = new CustodyRecordView(r.Number, r.Event, r.Custodian, r.OnBehalfOf, r.PlaceKind, r.FacilityId,
                                  f == null ? null : f.Name, f == null ? null : f.Address, f == null ? null : f.Telephone, r.ManifestId, r.AgreementId,
                                  r.LegalAuthority, r.Funder, r.Note, r.OccurredAt, r.RecordedAt, r.EndedAt, r.IsCurrent, null, null),
                          }).ToListAsync(cancellationToken);
        // A corrected time is shown beside the time first recorded, marked: corrections never hide the original.
        var corrections = await db.Corrections.AsNoTracking()
            .Where(c => c.PersonId == personId && c.Target == Corrections.Correction.CustodyRecordTime && c.Status == Corrections.Correction.Approved)
            .OrderBy(c => c.DecidedAt).ToListAsync(cancellationToken);
        return rows.Select(r => corrections.FirstOrDefault(c => c.TargetId == r.Id) is { } c
            ? r.View with { CorrectedFrom = c.OldValue, CorrectionReason = c.Reason }
            : r.View).ToList();
    }
}
