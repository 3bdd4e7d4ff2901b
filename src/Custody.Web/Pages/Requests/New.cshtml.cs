using Custody.InformationRequests;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Requests;

/// <summary>A relative asks where a person is and how they are (art. 18): no account; the status link is shown once.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Api.FacilitiesApi.LocatorRateLimit)]
public sealed class NewModel(AskForInformation ask) : PageModel
{
    [BindProperty]
    public FileInformationRequest Form { get; set; } = new(null, null, null, null, null, null, null, null);

    public FiledInformationRequest? Filed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var viewer = User.Identity?.IsAuthenticated == true ? ApiResults.ViewerOf(User) : new Custody.Access.Viewer("anonymous");
        var result = await ask.HandleAsync(Form, viewer, cancellationToken);
        if (result.Value is { } filed)
        {
            Filed = filed;
            return Page();
        }
        PageErrors.Add(this, result.Failure!);
        return Page();
    }
}
