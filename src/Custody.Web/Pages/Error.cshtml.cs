using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages;

/// <summary>
/// The page a server fault re-executes to, for GET and POST alike: the failed request's form was
/// already read, so no antiforgery check applies here, and the status stays 500.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string? TraceId { get; private set; }

    public void OnGet() => Answer();

    public void OnPost() => Answer();

    private void Answer()
    {
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }
}
