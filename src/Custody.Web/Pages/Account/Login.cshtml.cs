using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custody.Web.Pages.Account;

public sealed class LoginModel(Custody.Web.Auth.PasswordSignIn signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Arriving from a password change, which ended every session.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), localizer["Email is required."]);
        }
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), localizer["Password is required."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.SignInAsync(Email, Password);
        var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        if (result.Succeeded)
        {
            return LocalRedirect(next);
        }
        switch (result.SecondStep)
        {
            case Custody.Web.Auth.PasswordSignIn.SecondStepCode:
                return RedirectToPage("/Account/SecondFactor", new { returnUrl = next });
            case Custody.Web.Auth.PasswordSignIn.SecondStepEnrol:
                return RedirectToPage("/Account/Enrol", new { returnUrl = next });
        }
        ModelState.AddModelError(string.Empty, result.RetryAfter is { } wait
            ? localizer["Too many failed attempts; try again in {0} seconds.", (int)Math.Ceiling(wait.TotalSeconds)]
            : localizer["Wrong email or password."]);
        return Page();
    }
}
