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
    Custody.Access.VerifySecondFactor secondFactor, SecondFactorPolicy policy, TimeProvider time, ILogger<PasswordSignIn> logger)
{
    public const string SecondStepCode = "code";
    public const string SecondStepEnrol = "enrol";

    /// <summary>When the holder proved who they are (Unix seconds): a session or a refresh chain ends a fixed time after it, however active.</summary>
    public const string AuthTimeClaim = "auth_time";

    /// <summary>How they proved it: <c>pwd</c>, or <c>mfa</c> with a second factor.</summary>
    public const string MethodClaim = "amr";

    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    // Hashed once per process by the app's own hasher, so its work (iterations) equals a real password's.
    private static string? _dummyHash;

    private string DummyHash => _dummyHash ??= hasher.HashPassword(new CustodyUser(), Guid.NewGuid().ToString("N"));

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
            hasher.VerifyHashedPassword(new CustodyUser(), DummyHash, password);
            return Failed(email);
        }
        // Identity's own lockout is off here (the throttle slows guessing); a disabled account stays refused.
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (!check.Succeeded)
        {
            if (check.IsLockedOut)
            {
                // A disabled account: the password was not checked, so check it against the dummy to cost the same.
                hasher.VerifyHashedPassword(new CustodyUser(), DummyHash, password);
            }
            return Failed(email);
        }
        var enrolled = await signIn.UserManager.GetTwoFactorEnabledAsync(user);
        if (scheme is not null)
        {
            signIn.AuthenticationScheme = scheme;
            if (enrolled && !await secondFactor.HandleAsync(user, code, recoveryCode))
            {
                return Failed(email, SecondStepCode);
            }
            if (!enrolled && policy.Required)
            {
                return Failed(email, SecondStepEnrol);
            }
            await StartAsync(email, user, enrolled ? "mfa" : "pwd");
            return new PasswordSignInResult(true);
        }
        if (enrolled || policy.Required)
        {
            // Only the account's id, in Identity's five-minute two-factor cookie: no session yet.
            await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));
            return new PasswordSignInResult(false, SecondStep: enrolled ? SecondStepCode : SecondStepEnrol);
        }
        await StartAsync(email, user, "pwd");
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
        if (!await secondFactor.HandleAsync(user, code, recoveryCode))
        {
            return Failed(email, SecondStepCode);
        }
        await CompleteAsync(user);
        return new PasswordSignInResult(true);
    }

    /// <summary>Ends the pending step and starts the session (after the code, or after enrolment).</summary>
    public async Task CompleteAsync(CustodyUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await StartAsync(user.Email ?? user.Id, user, "mfa");
    }

    private async Task StartAsync(string email, CustodyUser user, string method)
    {
        throttle.Succeeded(email, Address);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
        [
            new Claim(MethodClaim, method),
            new Claim(AuthTimeClaim, time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        logger.LogInformation("Sign-in of account {UserId} from {Address} by {Method} ({Scheme})", user.Id, Address, method, signIn.AuthenticationScheme);
    }

    private PasswordSignInResult Failed(string email, string? secondStep = null)
    {
        throttle.Failed(email, Address);
        // The account as typed is not logged (it may be a mistyped password); a short hash lets failures be correlated.
        logger.LogWarning("Failed sign-in for account #{Account} from {Address}{Step}", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())))[..12], Address, secondStep is null ? "" : " (second step: " + secondStep + ")");
        return new PasswordSignInResult(false, SecondStep: secondStep);
    }

    /// <summary>Whether a session or refresh chain begun at the principal's sign-in is past its absolute lifetime.</summary>
    public static bool Expired(ClaimsPrincipal principal, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return SignedInAt(principal) is not { } at || time.GetUtcNow() - at > AbsoluteLifetime;
    }

    /// <summary>When the principal signed in with their password, or null when it does not say.</summary>
    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return long.TryParse(principal.FindFirstValue(AuthTimeClaim), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var at)
            ? DateTimeOffset.FromUnixTimeSeconds(at)
            : null;
    }
}
