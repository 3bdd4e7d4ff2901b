using Custody.Locator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Custody.Web.Pages.Locator;

/// <summary>The public locator page: the same lookup, rules and rate limit as <c>GET /api/locator</c>.</summary>
[EnableRateLimiting(Api.FacilitiesApi.LocatorRateLimit)]
public sealed class IndexModel(FindInLocator locator, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Identifier { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? GivenName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FamilyName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CountryOfBirth { get; set; }

    public IReadOnlyList<LocatorResult>? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Request.Query.Count == 0)
        {
            return;
        }
        var result = await locator.FindAsync(new LocatorQuery(Identifier, GivenName, FamilyName, CountryOfBirth),
            (await authorization.AuthorizeAsync(User, Auth.Policies.ReadPeople)).Succeeded, cancellationToken);
        if (result.Failure is { } failure)
        {
            PageErrors.Add(this, failure);
            return;
        }
        Results = result.Value;
    }
}
