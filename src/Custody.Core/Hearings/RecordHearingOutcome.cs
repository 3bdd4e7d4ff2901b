using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Hearings;

/// <summary>What happened: whether counsel was present, and the outcome.</summary>
public sealed record HearingOutcomeRequest(bool? CounselPresent, string? Outcome);

/// <summary>
/// Records that a hearing was held — whether counsel was present, and the outcome — once it is due
/// and only once: a hearing without counsel is a fact to show, and an outcome is corrected by a new
/// hearing record, never edited.
/// </summary>
public sealed class RecordHearingOutcome(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<HearingView>> HandleAsync(Guid hearingId, HearingOutcomeRequest r, Viewer viewer, CancellationToken cancellationToken = default)
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
}
