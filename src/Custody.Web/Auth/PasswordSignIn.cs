using Custody.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Custody.Web.Auth;

/// <summary>
/// The one password check behind the sign-in page and the token endpoint. An unknown account costs
/// the same hashing work as a known one with a wrong password (a dummy hash), and both read "Wrong
/// email or password.", so neither the answer nor its time tells whether an account exists.
/// </summary>
public sealed class PasswordSignIn(SignInManager<CustodyUser> signIn, IPasswordHasher<CustodyUser> hasher)
{
    // Hashed once per process with the same hasher settings as real passwords.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<CustodyUser>().HashPassword(new CustodyUser(), Guid.NewGuid().ToString("N")));

    public async Task<SignInResult> SignInAsync(string email, string password, string? scheme = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        if (await signIn.UserManager.FindByNameAsync(email.Trim()) is not { } user)
        {
            hasher.VerifyHashedPassword(new CustodyUser(), DummyHash.Value, password);
            return SignInResult.Failed;
        }
        if (scheme is not null)
        {
            signIn.AuthenticationScheme = scheme;
        }
        // The account already found: signing in does not look it up a second time.
        return await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
    }
}
