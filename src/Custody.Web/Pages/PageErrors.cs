using Custody.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Custody.Web.Pages;

/// <summary>The one mapping of typed failures to a page's error summary (each error names its field).</summary>
public static class PageErrors
{
    public static void Add(ModelStateDictionary modelState, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(failure);
        var errors = failure is Invalid invalid ? invalid.Errors : [new FieldError("", failure.Message)];
        foreach (var error in errors)
        {
            modelState.AddModelError(string.Empty, error.Field.Length > 0 ? $"{error.Field}: {error.Message}" : error.Message);
        }
    }
}

/// <summary>
/// The one way a page runs a command: the policy first (403), then the command; success goes back
/// to the page (post, redirect, get), an unknown record is 404, and any other failure shows its
/// errors on the page as it stands after the refusal.
/// </summary>
public static class PageCommand
{
    public static async Task<IActionResult> RunAsync(PageModel page, IAuthorizationService authorization, string policy, Func<Task<Failure?>> command, string backTo, Func<Task<bool>> reload)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(reload);
        if (!(await authorization.AuthorizeAsync(page.User, policy)).Succeeded)
        {
            return page.Forbid();
        }
        switch (await command())
        {
            case null:
                return new RedirectResult(backTo);
            case NotFound:
                return page.NotFound();
            case { } failure:
                PageErrors.Add(page.ModelState, failure);
                return await reload() ? page.Page() : page.NotFound();
        }
    }
}
