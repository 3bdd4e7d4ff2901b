using Microsoft.AspNetCore.Identity;

namespace Custody.Access;

/// <summary>A privileged role waiting for a second administrator's approval.</summary>
public sealed record PendingGrant(Guid Id, string Role, string Reason, string RequestedBy, DateTime RequestedAt);

/// <summary>An account as its administrators see it: its roles, and the privileged ones still waiting for approval.</summary>
public sealed record AccountView(string Id, string Email, string DisplayName, bool Disabled, IReadOnlyList<string> Roles, IReadOnlyList<PendingGrant> Pending);

/// <summary>
/// An account and the one-time link its holder opens to set their password (a new account, or a
/// reset sign-in). Only the link's hash is stored; it is handed over out of band.
/// </summary>
public sealed record AccountLink(AccountView Account, string SetPasswordToken, DateTime ExpiresAt)
{
    /// <summary>The link's path on the web app.</summary>
    public string Path => SetPasswordLinks.PathFor(SetPasswordToken);
}

/// <summary>
/// The account settings every account tool shares (the web app, the CLI). The account use cases
/// beside this file (<see cref="CreateAccount"/>, <see cref="DisableAccount"/>, <see cref="GrantRole"/>,
/// …) serve every path that offers them: the administrators' pages and API, the operator's CLI.
/// </summary>
public static class Accounts
{
    /// <summary>
    /// E-mail as the unique name; passwords of at least 12 characters with no composition rules
    /// (ASVS 6.2.5: length, not a forced digit or symbol, makes a password strong). Failed sign-ins
    /// are slowed by a back-off per account and address (the web app's SignInThrottle), not by
    /// Identity's fixed lockout, which an attacker could use to keep a known user locked out; a
    /// lockout end is what disables an account.
    /// </summary>
    public static void Configure(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.User.RequireUniqueEmail = true;
        // Lockout must be enabled for a disabled account's lockout end to refuse it.
        options.Lockout.AllowedForNewUsers = true;
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
    }

    /// <summary>PBKDF2-HMAC-SHA512 iterations for new password hashes (OWASP's 2023 figure; Identity's default is 100,000).</summary>
    public const int PasswordHashIterations = 210_000;

    /// <summary>An account disabled by Custody is locked out until the end of time.</summary>
    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.Year >= 9999;
}
