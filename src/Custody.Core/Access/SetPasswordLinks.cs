using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Custody.Access;

/// <summary>
/// One-time links through which a new account's holder, or one whose sign-in was reset, sets their
/// own password: nobody else ever knows it. The link carries the account id and 256 random bits;
/// only their SHA-256 hash and the expiry are stored (in Identity's token table), so a database
/// reader cannot use a link. Issuing a new link replaces the old one; setting the password spends it.
/// The CLI and the web app share nothing but the database, which is why this is not a Data
/// Protection token.
/// </summary>
public static class SetPasswordLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);

    private const string Provider = "Custody";
    private const string Name = "set-password";

    public static string PathFor(string token) => "/Account/SetPassword?token=" + Uri.EscapeDataString(token);

    public static async Task<(string Token, DateTime ExpiresAt)> IssueAsync(UserManager<CustodyUser> users, CustodyUser user, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(time);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = time.GetUtcNow().UtcDateTime.Add(Lifetime);
        var stored = Hash(secret) + "|" + new DateTimeOffset(expires).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        IdentityResults.Require(await users.SetAuthenticationTokenAsync(user, Provider, Name, stored));
        return (user.Id + "." + secret, expires);
    }

    /// <summary>The account a link is for, when it is well-formed, unspent, unexpired and unaltered; otherwise null.</summary>
    public static async Task<CustodyUser?> HolderAsync(UserManager<CustodyUser> users, string? token, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(time);
        var dot = token?.LastIndexOf('.') ?? -1;
        if (token is null || dot <= 0 || token.Length > 200 || await users.FindByIdAsync(token[..dot]) is not { } user)
        {
            return null;
        }
        var stored = await users.GetAuthenticationTokenAsync(user, Provider, Name);
        var parts = stored?.Split('|');
        if (parts is not [var hash, var expiry] || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return null;
        }
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(Hash(token[(dot + 1)..])));
        return matches && time.GetUtcNow().ToUnixTimeSeconds() < expiresAt ? user : null;
    }

    public static async Task SpendAsync(UserManager<CustodyUser> users, CustodyUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        await users.RemoveAuthenticationTokenAsync(user, Provider, Name);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
