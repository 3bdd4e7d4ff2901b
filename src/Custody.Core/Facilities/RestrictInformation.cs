using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Facilities;

/// <summary>A restriction of the art. 18 information: its legal ground, the authority imposing it, and the date by which it must be reviewed (YYYY-MM-DD).</summary>
public sealed record RestrictionRequest(string? Ground, string? Authority = null, string? ReviewBy = null);

/// <summary>
/// Restricts the art. 18 information on a person under judicial control (art. 20 of the Enforced
/// Disappearance Convention): each restriction names its legal ground, the authority imposing it
/// and the date by which it is reviewed (at most <see cref="MaxDaysToReview"/> days ahead), so no
/// restriction runs unexamined; the person is shown as restricted, never as not found.
/// </summary>
public sealed class RestrictInformation(CustodyDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>The longest a restriction may run before its review.</summary>
    public const int MaxDaysToReview = 180;

    public async Task<Result<RestrictionView>> HandleAsync(PersonId personId, RestrictionRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var today = RestrictionChange.Today(time);
        var errors = new List<FieldError>();
        Transfers.TransferInput.Require(errors, "ground", r.Ground, 1000);
        Transfers.TransferInput.Require(errors, "authority", r.Authority, 300);
        if (!DateOnly.TryParseExact(r.ReviewBy?.Trim(), "yyyy-MM-dd", out var reviewBy) || reviewBy <= today || reviewBy > today.AddDays(MaxDaysToReview))
        {
            errors.Add(new FieldError("reviewBy", $"The date by which the restriction is reviewed, YYYY-MM-DD, after today and within {MaxDaysToReview} days."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<RestrictionView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new InformationRestricted(id, personId, r.Ground!.Trim(), r.Authority!.Trim(), reviewBy), viewer.Actor);
            return RestrictionView.Of(work.Store.Find<InformationRestriction>(id)!, today);
        }, cancellationToken);
    }
}
