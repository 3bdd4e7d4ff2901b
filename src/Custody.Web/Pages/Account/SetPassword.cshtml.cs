using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custody.Web.Pages.Account;

/// <summary>Where the holder of a one-time link sets their own password (a new account, or a reset sign-in).</summary>
public sealed class SetPasswordModel(Custody.Access.SetPassword setPassword, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Confirm { get; set; } = "";

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Password != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), localizer["The two passwords differ."]);
            return Page();
        }
        var result = await setPassword.HandleAsync(Token, Password, cancellationToken);
        if (result.Failure is { } failure)
        {
            PageErrors.Add(this, failure);
            return Page();
        }
        Done = true;
        return Page();
    }
}
