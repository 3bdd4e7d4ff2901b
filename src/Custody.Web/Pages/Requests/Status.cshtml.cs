using Custody.InformationRequests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Requests;

/// <summary>A request's status and answer, reached only through its secret link (404 when wrong or expired).</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Api.FacilitiesApi.LocatorRateLimit)]
public sealed class StatusModel(ReadInformationRequests read) : PageModel
{
    public InformationRequestView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var result = await read.StatusAsync(token, cancellationToken);
        if (result.Value is null)
        {
            return NotFound();
        }
        View = result.Value;
        return Page();
    }
}
