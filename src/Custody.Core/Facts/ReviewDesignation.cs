using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Facts;

public sealed record DesignationReviewRequest(string? Group);

/// <summary>
/// Records the signed-in user's review of a designation. A designation is validated only by two
/// reviewers; the same user cannot review twice, so a second review is always someone else's.
/// </summary>
public sealed class ReviewDesignation(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<FactOutcome>> HandleAsync(PersonId person, DesignationReviewRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrWhiteSpace(request.Group))
        {
            return Task.FromResult(Result<FactOutcome>.Fail(new Invalid([new FieldError("group", "The group whose designation is reviewed.")])));
        }
        return FactEntries.ChangeDesignationAsync(db, time, person, request.Group, "reviewed", viewer, designation =>
        {
            var reviewers = designation["reviewers"]!.AsArray();
            if (reviewers.Any(r => r!.GetValue<string>() == viewer.Actor))
            {
                return new Conflict("You have already reviewed this designation; a second review must be by a different user.");
            }
            reviewers.Add(viewer.Actor);
            return null;
        }, cancellationToken);
    }
}
