using System.Security.Claims;
using Custody.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Custody.Web.Auth;

/// <summary>
/// How a password sign-in ended. <c>RetryAfter</c>: held back, not tried. <c>SecondStep</c>: the
/// password was right but the sign-in is not complete: <c>code</c> (the account's second factor is
/// asked next) or <c>enrol</c> (the account must enrol one first).
/// </summary>
public sealed record PasswordSignInResult(bool Succeeded, TimeSpan? RetryAfter = null, string? SecondStep = null);

/// <summary>Whether every account must sign in with a second factor (enrolling at its next sign-in when it has none).</summary>
public sealed record SecondFactorPolicy(bool Required);

/// <summary>
/// The one sign-in check behind the sign-in page and the token endpoint. An unknown account, a
/// disabled one and a wrong password all read "Wrong email or password." and cost the same hashing
/// work (a dummy hash), so neither the answer nor its time tells whether an account exists. Attempts
/// are slowed per account and address by <see cref="SignInThrottle"/>. A password alone completes a
/// sign-in only for an account without a second factor while none is required; otherwise the page
/// goes on to the code (or to enrolment) and the token endpoint wants the code in the same request.
/// </summary>
public sealed class PasswordSignIn(SignInManager<CustodyUser> signIn, IPasswordHasher<CustodyUser> hasher, SignInThrottle throttle, IHttpContextAccessor http,
    Custody.Access.Accounts accounts, SecondFactorPolicy policy)
{
    public const string SecondStepCode = "code";
    public const string SecondStepEnrol = "enrol";

    // Hashed once per process with the same hasher settings as real passwords.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<CustodyUser>().HashPassword(new CustodyUser(), Guid.NewGuid().ToString("N")));

    private string Address => http.HttpContext is { } context ? ClientAddress.KeyOf(context) : "unknown";

    /// <summary>
    /// Checks the password. With <paramref name="scheme"/> null (the page) a right password with a
    /// second step to come leaves only Identity's short-lived two-factor cookie; with the bearer scheme
    /// (the token endpoint) the second factor must come in the same request.
    /// </summary>
    public async Task<PasswordSignInResult> SignInAsync(string email, string password, string? scheme = null, string? code = null, string? recoveryCode = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        if (throttle.Enter(email, Address) is { } wait)
        {
            return new PasswordSignInResult(false, wait);
        }
        var user = await signIn.UserManager.FindByNameAsync(email.Trim());
        if (user is null || !await signIn.UserManager.HasPasswordAsync(user))
        {
            hasher.VerifyHashedPassword(new CustodyUser(), DummyHash.Value, password);
            return Failed(email);
        }
        // Identity's own lockout is off here (the throttle slows guessing); a disabled account stays refused.
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (!check.Succeeded)
        {
            if (check.IsLockedOut)
            {
                // A disabled account: the password was not checked, so check it against the dummy to cost the same.
                hasher.VerifyHashedPassword(new CustodyUser(), DummyHash.Value, password);
            }
            return Failed(email);
        }
        var enrolled = await signIn.UserManager.GetTwoFactorEnabledAsync(user);
        if (scheme is not null)
        {
            signIn.AuthenticationScheme = scheme;
            if (enrolled && !await accounts.VerifySecondFactorAsync(user, code, recoveryCode))
            {
                return Failed(email, SecondStepCode);
            }
            if (!enrolled && policy.Required)
            {
                return Failed(email, SecondStepEnrol);
            }
            throttle.Succeeded(email, Address);
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", enrolled ? "mfa" : "pwd")]);
            return new PasswordSignInResult(true);
        }
        if (enrolled || policy.Required)
        {
            // Only the account's id, in Identity's five-minute two-factor cookie: no session yet.
            await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));
            return new PasswordSignInResult(false, SecondStep: enrolled ? SecondStepCode : SecondStepEnrol);
        }
        throttle.Succeeded(email, Address);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);
        return new PasswordSignInResult(true);
    }

    /// <summary>The account whose password was right and whose second step is pending (the two-factor cookie), or null.</summary>
    public async Task<CustodyUser?> PendingAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is { } user && !Custody.Access.Accounts.IsDisabled(user.LockoutEnd) ? user : null;

    /// <summary>The second step on the page: the code (or a recovery code), slowed like passwords; right, the session starts.</summary>
    public async Task<PasswordSignInResult> SecondStepAsync(CustodyUser user, string? code, string? recoveryCode)
    {
        ArgumentNullException.ThrowIfNull(user);
        var email = user.Email ?? user.Id;
        if (throttle.Enter(email, Address) is { } wait)
        {
            return new PasswordSignInResult(false, wait);
        }
        if (!await accounts.VerifySecondFactorAsync(user, code, recoveryCode))
        {
            return Failed(email, SecondStepCode);
        }
        throttle.Succeeded(email, Address);
        await CompleteAsync(user);
        return new PasswordSignInResult(true);
    }

    /// <summary>Ends the pending step and starts the session (after the code, or after enrolment).</summary>
    public async Task CompleteAsync(CustodyUser user)
    {
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
    }

    private PasswordSignInResult Failed(string email, string? secondStep = null)
    {
        throttle.Failed(email, Address);
        return new PasswordSignInResult(false, SecondStep: secondStep);
    }
}
