using Custody.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Custody.Web.Pages;

/// <summary>
/// The one mapping of typed failures to a page: each error in the page's summary naming its field, and
/// kept by field for the form that was posted to show beside the field itself (<see cref="Display.FieldErrorTagHelper"/>).
/// </summary>
public static class PageErrors
{
    private static readonly object ByField = new();

    public static void Add(PageModel page, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(failure);
        var errors = failure is Invalid invalid ? invalid.Errors : [new FieldError("", failure.Message)];
        var byField = page.HttpContext.Items[ByField] as List<FieldError> ?? [];
        page.HttpContext.Items[ByField] = byField;
        foreach (var error in errors)
        {
            page.ModelState.AddModelError(string.Empty, error.Field.Length > 0 ? $"{error.Field}: {error.Message}" : error.Message);
            if (error.Field.Length > 0)
            {
                byField.Add(error);
            }
        }
    }

    /// <summary>The messages of the refused command for a form field: its whole name, or the last segment of a bound name (<c>Form.Sanction</c> → <c>sanction</c>).</summary>
    public static IEnumerable<string> ForField(HttpContext http, string name)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(name);
        var last = name[(name.LastIndexOf('.') + 1)..];
        return (http.Items[ByField] as List<FieldError> ?? []).Where(e => string.Equals(e.Field, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(e.Field, last, StringComparison.OrdinalIgnoreCase)).Select(e => e.Message);
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
                PageErrors.Add(page, failure);
                return await reload() ? page.Page() : page.NotFound();
        }
    }
}
