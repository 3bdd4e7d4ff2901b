using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

public sealed record CustodyRecordView(int Number, string Event, string Custodian, string? OnBehalfOf, string PlaceKind, string? FacilityId, string? FacilityName,
    string? FacilityAddress, string? FacilityTelephone, Guid? ManifestId, string? AgreementId, string LegalAuthority, string Funder, string? Note,
    DateTime OccurredAt, DateTime RecordedAt, DateTime? EndedAt, bool IsCurrent, string? CorrectedFrom = null, string? CorrectionReason = null)
{
    /// <summary>Approved corrections of the record's fields (legal authority, funder, note): each with the value first recorded and why it changed.</summary>
    public IReadOnlyList<CorrectedField> CorrectedFields { get; init; } = [];

    /// <summary>A record just written, with its facility's contact (none for a hospital or a movement).</summary>
    public static CustodyRecordView Of(CustodyRecord r, Facilities.Facility? facility)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Number, r.Event, r.Custodian, r.OnBehalfOf, r.PlaceKind, r.FacilityId, facility?.Name, facility?.Address, facility?.Telephone, r.ManifestId,
            r.AgreementId, r.LegalAuthority, r.Funder, r.Note, r.OccurredAt, r.RecordedAt, r.EndedAt, r.IsCurrent);
    }
}

/// <summary>A field of a custody record as first recorded, now corrected (the record shows the corrected value).</summary>
public sealed record CorrectedField(string Field, string FirstRecorded, string Reason);

/// <summary>A person's custody timeline, oldest first; the last record is the current one.</summary>
public sealed class ReadCustody(CustodyDbContext db, TimeProvider time) : IUseCase
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
            await AccessLog.RecordAsync(db, time, new PersonViewed(personId, "custody-timeline", viewer.Roles?.ToList()), viewer.Actor, cancellationToken);
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
        var approved = await db.Corrections.AsNoTracking()
            .Where(c => c.PersonId == personId && (c.Target == Corrections.Correction.CustodyRecordTime || c.Target == Corrections.Correction.CustodyRecordField)
                && c.Status == Corrections.Correction.Approved)
            .OrderBy(c => c.DecidedAt).ToListAsync(cancellationToken);
        var times = approved.Where(c => c.Target == Corrections.Correction.CustodyRecordTime).ToList();
        // The first correction of a field holds the value first recorded.
        var fields = approved.Where(c => c.Target == Corrections.Correction.CustodyRecordField).GroupBy(c => (c.TargetId, c.Field))
            .Select(g => (g.Key.TargetId, Field: new CorrectedField(g.Key.Field!, g.First().OldValue, g.Last().Reason))).ToLookup(f => f.TargetId, f => f.Field);
        return rows.Select(r => (times.FirstOrDefault(c => c.TargetId == r.Id) is { } c ? r.View with { CorrectedFrom = c.OldValue, CorrectionReason = c.Reason } : r.View)
            with { CorrectedFields = fields[r.Id].ToList() }).ToList();
    }
}
