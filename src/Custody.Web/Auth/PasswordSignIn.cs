using Custody.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Custody.Web.Auth;

/// <summary>How a password sign-in ended; <c>RetryAfter</c> is set when the attempt was held back and not tried.</summary>
public sealed record PasswordSignInResult(bool Succeeded, TimeSpan? RetryAfter);

/// <summary>
/// The one password check behind the sign-in page and the token endpoint. An unknown account, a
/// disabled one and a wrong password all read "Wrong email or password." and cost the same hashing
/// work (a dummy hash for an unknown account), so neither the answer nor its time tells whether an
/// account exists. Attempts are slowed per account and address by <see cref="SignInThrottle"/>.
/// </summary>
public sealed class PasswordSignIn(SignInManager<CustodyUser> signIn, IPasswordHasher<CustodyUser> hasher, SignInThrottle throttle, IHttpContextAccessor http)
{
    // Hashed once per process with the same hasher settings as real passwords.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<CustodyUser>().HashPassword(new CustodyUser(), Guid.NewGuid().ToString("N")));

    public async Task<PasswordSignInResult> SignInAsync(string email, string password, string? scheme = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var address = http.HttpContext is { } context ? ClientAddress.KeyOf(context) : "unknown";
        if (throttle.Enter(email, address) is { } wait)
        {
            return new PasswordSignInResult(false, wait);
        }
        var user = await signIn.UserManager.FindByNameAsync(email.Trim());
        if (user is null || !await signIn.UserManager.HasPasswordAsync(user))
        {
            hasher.VerifyHashedPassword(new CustodyUser(), DummyHash.Value, password);
            throttle.Failed(email, address);
            return new PasswordSignInResult(false, null);
        }
        if (scheme is not null)
        {
            signIn.AuthenticationScheme = scheme;
        }
        // The account already found: signing in does not look it up a second time. Identity's own
        // lockout is off here (the throttle slows guessing); a disabled account stays refused.
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(email, address);
            return new PasswordSignInResult(true, null);
        }
        if (result.IsLockedOut)
        {
            // A disabled account: the password was not checked, so check it against the dummy to cost the same.
            hasher.VerifyHashedPassword(new CustodyUser(), DummyHash.Value, password);
        }
        throttle.Failed(email, address);
        return new PasswordSignInResult(false, null);
    }
}
