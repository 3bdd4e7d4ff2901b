using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Hearings;

/// <summary>A hearing: the court, when (RFC 3339), its purpose, the docket if any.</summary>
public sealed record ScheduleHearingRequest(string? Court, string? At, string? Purpose, string? Docket = null);

/// <summary>
/// Schedules a hearing of a held person's judicial process (court, date, purpose, docket): a
/// detention is lawful only under a court's review, so the hearings are on the register with the
/// person, not in a court's diary alone.
/// </summary>
public sealed class ScheduleHearing(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<HearingView>> HandleAsync(PersonId personId, ScheduleHearingRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        Transfers.TransferInput.Require(errors, "court", r.Court, 200);
        Transfers.TransferInput.Require(errors, "purpose", r.Purpose, 500);
        if (!Instants.TryParseRfc3339(r.At?.Trim(), out var at))
        {
            errors.Add(new FieldError("at", "When the hearing is held, RFC 3339 with its offset."));
        }
        if (r.Docket?.Trim().Length > 100)
        {
            errors.Add(new FieldError("docket", "At most 100 characters."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<HearingView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new HearingScheduled(id, personId, r.Court!.Trim(), Instants.Utc(at), r.Purpose!.Trim(), string.IsNullOrWhiteSpace(r.Docket) ? null : r.Docket.Trim()),
                viewer.Actor);
            return HearingView.Of(work.Store.Find<Hearing>(id)!);
        }, cancellationToken);
    }
}
