using Custody.Access;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Custody.Web.Pages.Account;

/// <summary>
/// Enrolling an authenticator app: at the sign-in of an account that must have one (before any
/// session), or by a signed-in user of their own accord. The key is shown as a QR code and as text;
/// the app's first code proves it holds the key; the recovery codes are shown once.
/// </summary>
public sealed class EnrolModel(PasswordSignIn signIn, UserManager<CustodyUser> users, Custody.Access.EnrolSecondFactor enrol) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The key in groups of four, for typing into an app by hand.</summary>
    public string Key { get; private set; } = "";

    /// <summary>The otpauth URI as a QR code (an SVG data URI, allowed by the CSP's img-src).</summary>
    public string QrCode { get; private set; } = "";

    public bool AlreadyEnrolled { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string Next => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await HolderAsync() is not { } user)
        {
            return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
        }
        await ShowKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        if (await HolderAsync() is not { } user)
        {
            return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
        }
        var enrolled = await enrol.HandleAsync(user, code, cancellationToken);
        if (enrolled.Failure is { } failure)
        {
            Pages.PageErrors.Add(this, failure);
            await ShowKeyAsync(user);
            return Page();
        }
        RecoveryCodes = enrolled.Value;
        if (User.Identity?.IsAuthenticated != true)
        {
            await signIn.CompleteAsync(user);
        }
        return Page();
    }

    // The account signing in (password right, second step pending), or the signed-in user.
    private async Task<CustodyUser?> HolderAsync() =>
        await signIn.PendingAsync() ?? (User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null);

    private async Task ShowKeyAsync(CustodyUser user)
    {
        AlreadyEnrolled = await users.GetTwoFactorEnabledAsync(user);
        if (AlreadyEnrolled)
        {
            return;
        }
        var key = await SecondFactor.KeyAsync(users, user);
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(SecondFactor.AuthenticatorUri("Custody", user.Email ?? user.Id, key), QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrCode = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
