using Custody.Common;
using Custody.Facilities;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

/// <summary>
/// The art. 18 information for counsel and courts (for relatives): authority, dates and places,
/// whereabouts, health, release or death — or the restriction, its ground, authority and review date,
/// which a court lifts and counsel can ask a court to review.
/// </summary>
public sealed class Article18Model(ReadRegister read, IAuthorizationService authorization) : PageModel
{
    public Article18Information Info { get; private set; } = null!;

    public bool MayLift { get; private set; }

    public bool MayAskReview { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRestrictAsync(Guid id, string? ground, string? authority, string? reviewBy, [FromServices] RestrictInformation restrict,
        CancellationToken cancellationToken)
    {
        if (!await MayAsync(Policies.DecideAccess))
        {
            return Forbid();
        }
        return await AfterAsync(id, (await restrict.HandleAsync(new PersonId(id), new RestrictionRequest(ground, authority, reviewBy), ApiResults.ViewerOf(User), cancellationToken)).Failure,
            cancellationToken);
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid id, Guid restrictionId, string? reason, [FromServices] LiftRestriction lift, CancellationToken cancellationToken)
    {
        if (!await MayAsync(Policies.DecideAccess))
        {
            return Forbid();
        }
        return await AfterAsync(id, (await lift.HandleAsync(restrictionId, new LiftRestrictionRequest(reason), ApiResults.ViewerOf(User), cancellationToken)).Failure,
            cancellationToken);
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, Guid restrictionId, string? court, string? docket, [FromServices] RequestRestrictionReview review,
        CancellationToken cancellationToken)
    {
        if (!await MayAsync(Policies.RequestRestrictionReview))
        {
            return Forbid();
        }
        return await AfterAsync(id, (await review.HandleAsync(restrictionId, new RestrictionReviewRequest(court, docket), ApiResults.ViewerOf(User),
            cancellationToken)).Failure, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Failure? failure, CancellationToken cancellationToken)
    {
        if (failure is null)
        {
            return Redirect($"/People/Article18/{id}");
        }
        if (failure is Custody.Common.NotFound)
        {
            return NotFound();
        }
        PageErrors.Add(this, failure);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> MayAsync(string policy) => (await authorization.AuthorizeAsync(User, policy)).Succeeded;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await read.Article18Async(id, ApiResults.ViewerOf(User), cancellationToken);
        if (result.Value is null)
        {
            return false;
        }
        Info = result.Value;
        MayLift = await MayAsync(Policies.DecideAccess);
        MayAskReview = await MayAsync(Policies.RequestRestrictionReview);
        return true;
    }
}
