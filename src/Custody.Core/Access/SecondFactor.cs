using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Custody.Access;

/// <summary>
/// The second factor of a sign-in: a time-based one-time code (RFC 6238: 30-second steps, six
/// digits, one step of clock drift either way) from an authenticator app, or a recovery code.
/// A code is accepted once: the last time step used is stored, and a code of that step or an earlier
/// one is refused, so a code seen over someone's shoulder cannot be replayed. Recovery codes are
/// stored as SHA-256 hashes only, and each is spent by its use. The authenticator key is Identity's.
/// </summary>
public static class SecondFactor
{
    public const int RecoveryCodeCount = 10;

    private const string Provider = "Custody";
    private const string RecoveryCodesName = "recovery-codes";
    private const string LastStepName = "totp-last-step";

    /// <summary>The account's authenticator key (Base32), created when it has none.</summary>
    public static async Task<string> KeyAsync(UserManager<CustodyUser> users, CustodyUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return key;
        }
        IdentityResults.Require(await users.ResetAuthenticatorKeyAsync(user));
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>The otpauth URI an authenticator app reads (from the QR code) to add the account.</summary>
    public static string AuthenticatorUri(string issuer, string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";

    /// <summary>Whether the code is the account's current one and newer than any accepted before; an accepted code is spent.</summary>
    public static async Task<bool> VerifyCodeAsync(UserManager<CustodyUser> users, CustodyUser user, string? code, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(time);
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit) || await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }
        var last = await users.GetAuthenticationTokenAsync(user, Provider, LastStepName);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }
        IdentityResults.Require(await users.SetAuthenticationTokenAsync(user, Provider, LastStepName, step.ToString(CultureInfo.InvariantCulture)));
        return true;
    }

    /// <summary>New recovery codes, replacing any before; returned once, stored hashed.</summary>
    public static async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(UserManager<CustodyUser> users, CustodyUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var codes = Enumerable.Range(0, RecoveryCodeCount)
            .Select(_ => RandomNumberGenerator.GetString(alphabet, 5) + "-" + RandomNumberGenerator.GetString(alphabet, 5)).ToList();
        IdentityResults.Require(await users.SetAuthenticationTokenAsync(user, Provider, RecoveryCodesName, string.Join(';', codes.Select(Hash))));
        return codes;
    }

    /// <summary>Spends a recovery code; false when it is not one of the account's unspent codes. Returns how many are left.</summary>
    public static async Task<(bool Redeemed, int Left)> RedeemRecoveryCodeAsync(UserManager<CustodyUser> users, CustodyUser user, string? code)
    {
        ArgumentNullException.ThrowIfNull(users);
        var stored = (await users.GetAuthenticationTokenAsync(user, Provider, RecoveryCodesName) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var hash = Hash(code ?? "");
        var match = stored.FirstOrDefault(h => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), Encoding.ASCII.GetBytes(hash)));
        if (match is null)
        {
            return (false, stored.Count);
        }
        stored.Remove(match);
        IdentityResults.Require(await users.SetAuthenticationTokenAsync(user, Provider, RecoveryCodesName, string.Join(';', stored)));
        return (true, stored.Count);
    }

    /// <summary>Removes the second factor (the old key's codes and the recovery codes stop working); the account enrols again at its next sign-in.</summary>
    public static async Task ClearAsync(UserManager<CustodyUser> users, CustodyUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        IdentityResults.Require(await users.SetTwoFactorEnabledAsync(user, false));
        IdentityResults.Require(await users.RemoveAuthenticationTokenAsync(user, Provider, RecoveryCodesName));
        IdentityResults.Require(await users.RemoveAuthenticationTokenAsync(user, Provider, LastStepName));
        // A new key nobody has seen: the old authenticator's codes stop working.
        IdentityResults.Require(await users.ResetAuthenticatorKeyAsync(user));
    }

    // Codes are compared without case, spaces or the dash, as people type them.
    private static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(new string(code.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant())));
}
