using System.Security.Claims;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custody.Web.Pages.Account;

/// <summary>
/// A signed-in user changes their own password, giving the current one. Wrong current passwords
/// count against the same back-off as failed sign-ins, so a session left open cannot be used to
/// guess it. On success every session of the account ends, this one too: the holder signs in again.
/// </summary>
public sealed class PasswordModel(Custody.Access.ChangePassword change, SignInManager<CustodyUser> signIn, SignInThrottle throttle, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string Current { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Confirm { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = User.Identity?.Name ?? "";
        var address = ClientAddress.KeyOf(HttpContext);
        if (throttle.Enter(account, address) is { } wait)
        {
            ModelState.AddModelError(nameof(Current), localizer["Too many failed attempts; try again in {0} seconds.", Math.Ceiling(wait.TotalSeconds)]);
            return Page();
        }
        if (Password != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), localizer["The two passwords differ."]);
            return Page();
        }
        var result = await change.HandleAsync(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", Current, Password, cancellationToken);
        if (result.Failure is { } failure)
        {
            if (failure is Custody.Common.Invalid invalid && invalid.Errors.Any(e => e.Message == Custody.Access.ChangePassword.WrongCurrentPassword))
            {
                throttle.Failed(account, address);
            }
            // The use case's messages are the English keys of their Spanish entries.
            foreach (var error in failure is Custody.Common.Invalid { Errors: var errors } ? errors : [new Custody.Common.FieldError("", failure.Message)])
            {
                ModelState.AddModelError(error.Field, localizer[error.Message]);
            }
            return Page();
        }
        throttle.Succeeded(account, address);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login", new { changed = true });
    }
}
