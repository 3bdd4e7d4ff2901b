using Custody.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custody.Web.Pages.Account;

/// <summary>The second step of signing in: the authenticator's code, or a recovery code.</summary>
public sealed class SecondFactorModel(PasswordSignIn signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.PendingAsync() is null ? RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(string? code, string? recoveryCode)
    {
        if (await signIn.PendingAsync() is not { } user)
        {
            return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
        }
        var result = await signIn.SecondStepAsync(user, code, recoveryCode);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        ModelState.AddModelError(string.Empty, result.RetryAfter is { } wait
            ? localizer["Too many failed attempts; try again in {0} seconds.", (int)Math.Ceiling(wait.TotalSeconds)]
            : localizer["That code is not right, or was used already. Wait for the next one."]);
        return Page();
    }
}
