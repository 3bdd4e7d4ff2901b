using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Facts;
using Custody.Persistence;

namespace Custody.Facilities;

/// <summary>The court asked to review the restriction, and its docket if filed.</summary>
public sealed record RestrictionReviewRequest(string? Court, string? Docket = null);

/// <summary>
/// Asks a court to review a restriction (counsel of record for their client, or the sending state's
/// legal reviewer), once: the review is recorded in the same transaction as a pending proceeding on
/// the person's legal facts, so it is before a court like any other proceeding.
/// </summary>
public sealed class RequestRestrictionReview(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<RestrictionView>> HandleAsync(Guid restrictionId, RestrictionReviewRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        Transfers.TransferInput.Require(errors, "court", r.Court, 200);
        if (r.Docket?.Trim().Length > 100)
        {
            errors.Add(new FieldError("docket", "At most 100 characters."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await RestrictionChange.ChangeAsync(db, time, restrictionId, viewer, (restriction, work) =>
        {
            if (restriction.ReviewProceedingId is not null)
            {
                return new Conflict($"A review was already asked of {restriction.ReviewCourt}.");
            }
            // The review is a proceeding before a court like any other: pending, it is on the person's legal facts.
            var proceeding = new JsonObject { ["kind"] = "other", ["status"] = "pending", ["court"] = r.Court!.Trim(), ["filedOn"] = RestrictionChange.Today(time).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
            if (!string.IsNullOrWhiteSpace(r.Docket))
            {
                proceeding["docket"] = r.Docket.Trim();
            }
            var proceedingId = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new FactEntered(proceedingId, restriction.PersonId, "proceedings", proceeding), viewer.Actor);
            work.Record(new InformationRestrictionReviewRequested(restriction.Id, restriction.PersonId, proceedingId, r.Court.Trim()), viewer.Actor);
            return null;
        }, cancellationToken);
    }
}
