using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Hearings;

/// <summary>A hearing: the court, when (RFC 3339), its purpose, the docket if any.</summary>
public sealed record ScheduleHearingRequest(string? Court, string? At, string? Purpose, string? Docket = null);

/// <summary>What happened: whether counsel was present, and the outcome.</summary>
public sealed record HearingOutcomeRequest(bool? CounselPresent, string? Outcome);

/// <summary>The judicial process of a person held: hearings scheduled, then held with counsel present or not and their outcome.</summary>
public sealed class HearingCommands(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<HearingView>> ScheduleAsync(Guid personId, ScheduleHearingRequest r, Viewer viewer, CancellationToken cancellationToken = default)
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

    public async Task<Result<HearingView>> RecordOutcomeAsync(Guid hearingId, HearingOutcomeRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (r.CounselPresent is null)
        {
            errors.Add(new FieldError("counselPresent", "Say whether counsel was present."));
        }
        Transfers.TransferInput.Require(errors, "outcome", r.Outcome, 2000);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<HearingView>(db, time, async work =>
        {
            var hearing = work.Store.Find<Hearing>(hearingId);
            if (hearing is null || await viewer.FindPersonAsync(db, hearing.PersonId, cancellationToken) is null)
            {
                return new NotFound($"No hearing {hearingId}.");
            }
            if (hearing.Outcome is not null)
            {
                return new Conflict("The hearing's outcome is already recorded; correct it by a new hearing record, not an edit.");
            }
            if (hearing.At > Instants.Now(time))
            {
                return new Conflict($"The hearing is scheduled for {Instants.ToText(hearing.At)}; its outcome is recorded once it is held.");
            }
            work.Record(new HearingHeld(hearingId, hearing.PersonId, r.CounselPresent!.Value, r.Outcome!.Trim()), viewer.Actor);
            return HearingView.Of(hearing);
        }, cancellationToken);
    }

    public async Task<Result<IReadOnlyList<HearingView>>> ListAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        return (await db.Hearings.AsNoTracking().Where(h => h.PersonId == personId).OrderBy(h => h.At).ToListAsync(cancellationToken)).Select(HearingView.Of).ToList();
    }
}
