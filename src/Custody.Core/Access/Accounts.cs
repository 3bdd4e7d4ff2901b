using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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
/// Account administration, for every path that offers it (the administrators' pages and API, the
/// operator's CLI): creating, disabling and enabling accounts, resetting sign-in, granting and
/// revoking roles. Each changes the Identity tables and records its ledger entry (who, whom, which
/// role, why) in the same transaction, so verification can rebuild who holds which role
/// (<see cref="AccountsReplay"/>). A privileged role is granted only when a second administrator
/// approves (<see cref="Roles.Privileged"/>): the rule lives here, so no path can skip it.
/// </summary>
public sealed partial class Accounts(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time)
{
    /// <summary>
    /// The Identity settings every account tool shares (the web app, the CLI): e-mail as the unique
    /// name; passwords of at least 12 characters with no composition rules (ASVS 6.2.5: length, not
    /// a forced digit or symbol, makes a password strong). Failed sign-ins are slowed by a back-off
    /// per account and address (the web app's SignInThrottle), not by Identity's fixed lockout, which
    /// an attacker could use to keep a known user locked out; a lockout end is what disables an account.
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

    /// <summary>
    /// Creates an account with its roles. The privileged ones wait for a second administrator's
    /// approval; the others are held at once. The answer carries the holder's one-time link.
    /// </summary>
    public async Task<Result<AccountLink>> CreateAsync(string email, string displayName, IReadOnlyList<string> roles, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var errors = NewAccountErrors(email, displayName, reason);
        if (roles.Count == 0)
        {
            errors.Add(new FieldError("roles", "Give at least one role."));
        }
        errors.AddRange(roles.Where(r => !Roles.All.Contains(r)).Select(r => new FieldError("roles", $"'{r}' is not a role; the roles are {string.Join(", ", Roles.All)}.")));
        if (roles.Contains(Roles.SendingFinanceOfficer) && roles.Contains(Roles.ReceivingFinanceOfficer))
        {
            errors.Add(new FieldError("roles", "No account holds both the sending and the receiving finance roles."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        string[] wanted = [.. roles.Distinct().Order(StringComparer.Ordinal)];
        return await NewAccountAsync(email.Trim(), displayName, [.. wanted.Where(r => !Roles.Privileged.Contains(r))], [.. wanted.Where(Roles.Privileged.Contains)],
            reason.Trim(), actor, cancellationToken);
    }

    /// <summary>
    /// The operator's way in, from the server's terminal: an administrator created directly, without
    /// a second one's approval, but only while fewer than two enabled administrators exist (there is
    /// no one, or only one, to approve). From then on an administrator is granted like any
    /// privileged role: asked for by one, approved by another.
    /// </summary>
    public async Task<Result<AccountLink>> CreateAdministratorAsync(string email, string displayName, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (NewAccountErrors(email, displayName, reason) is { Count: > 0 } errors)
        {
            return new Invalid(errors);
        }
        if (await EnabledAdministratorsAsync(cancellationToken) >= 2)
        {
            return new Conflict("Two administrators already exist: a new administrator is asked for by one and approved by another.");
        }
        return await NewAccountAsync(email.Trim(), displayName, [Roles.Administrator], [], reason.Trim(), actor, cancellationToken);
    }

    private static List<FieldError> NewAccountErrors(string email, string? displayName, string reason)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 256)
        {
            errors.Add(new FieldError("email", "Give the account's e-mail address."));
        }
        if (displayName is { Length: > 200 })
        {
            errors.Add(new FieldError("displayName", "At most 200 characters."));
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("reason", "Say why the account is created."));
        }
        // The operator's terminal has no endpoint filter in front of it: the text check is made here too.
        errors.AddRange(new[] { ("email", email), ("displayName", displayName), ("reason", reason) }
            .Where(f => TextInput.Refuse(f.Item2) is not null).Select(f => new FieldError(f.Item1, TextInput.Refuse(f.Item2)!)));
        return errors;
    }

    // One transaction: the account without a password, the roles held at once, a grant request for
    // each privileged one, and the holder's one-time link.
    private async Task<Result<AccountLink>> NewAccountAsync(string email, string? displayName, string[] heldAtOnce, string[] requested, string reason, string actor,
        CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return new Conflict($"An account for {email} already exists.");
        }
        await EnsureRolesAsync(cancellationToken);
        var created = await UnitOfWork.RunAsync(db, time, async work =>
        {
            var user = new CustodyUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName?.Trim() ?? "" };
            IdentityResults.Require(await users.CreateAsync(user));
            if (heldAtOnce.Length > 0)
            {
                IdentityResults.Require(await users.AddToRolesAsync(user, heldAtOnce));
            }
            work.Record(new UserCreated(user.Id, email, heldAtOnce), actor);
            foreach (var role in requested)
            {
                work.Record(new RoleGrantRequested(Guid.NewGuid(), user.Id, role, reason), actor);
            }
            var (token, expires) = await SetPasswordLinks.IssueAsync(users, user, time);
            return Result<(string Id, string Token, DateTime Expires)>.Ok((user.Id, token, expires));
        }, cancellationToken);
        if (created.Failure is { } failure)
        {
            return failure;
        }
        var (id, link, until) = created.Value;
        return new AccountLink((await ViewsAsync(id, cancellationToken)).Single(), link, until);
    }

    public Task<Result<AccountView>> DisableAsync(string email, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (IsDisabled(user.LockoutEnd))
            {
                return new Conflict($"{email} is already disabled.");
            }
            if (await IsLastAdministratorAsync(user, cancellationToken))
            {
                return new Conflict($"{email} is the last enabled administrator: no one could administer accounts.");
            }
            IdentityResults.Require(await users.SetLockoutEnabledAsync(user, true));
            IdentityResults.Require(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            // A new security stamp ends the account's sessions and bearer tokens at their next check.
            IdentityResults.Require(await users.UpdateSecurityStampAsync(user));
            work.Record(new UserDisabled(user.Id, reason), actor);
            return (Failure?)null;
        }, cancellationToken);

    public Task<Result<AccountView>> EnableAsync(string email, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (!IsDisabled(user.LockoutEnd))
            {
                return new Conflict($"{email} is not disabled.");
            }
            IdentityResults.Require(await users.SetLockoutEndDateAsync(user, null));
            work.Record(new UserEnabled(user.Id, reason), actor);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Resets an account's sign-in: the password goes, every session and token ends, and a new
    /// one-time link lets the holder set a password again.
    /// </summary>
    public async Task<Result<AccountLink>> ResetSignInAsync(string email, string reason, string actor, CancellationToken cancellationToken = default)
    {
        (string Token, DateTime Expires) link = ("", default);
        var changed = await ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (await users.HasPasswordAsync(user))
            {
                IdentityResults.Require(await users.RemovePasswordAsync(user));
            }
            IdentityResults.Require(await users.ResetAccessFailedCountAsync(user));
            // The second factor goes too (a lost phone is a common reason): the holder enrols again.
            await SecondFactor.ClearAsync(users, user);
            IdentityResults.Require(await users.UpdateSecurityStampAsync(user));
            link = await SetPasswordLinks.IssueAsync(users, user, time);
            work.Record(new SignInReset(user.Id, reason), actor);
            return (Failure?)null;
        }, cancellationToken);
        return changed.Value is { } account ? new AccountLink(account, link.Token, link.Expires) : changed.Failure!;
    }

    /// <summary>
    /// The holder of a one-time link sets their password. The link is spent by this (and by a later
    /// reset); an expired, spent or altered link, or a disabled account, is refused alike.
    /// </summary>
    public async Task<Result<bool>> SetPasswordAsync(string token, string password, CancellationToken cancellationToken = default)
    {
        var user = await SetPasswordLinks.HolderAsync(users, token, time);
        if (user is null || IsDisabled(user.LockoutEnd))
        {
            return new Invalid([new FieldError("token", "This link is not valid: it has expired or was used already. Ask an administrator for a new one.")]);
        }
        if (string.IsNullOrEmpty(password))
        {
            return new Invalid([new FieldError("password", "Choose a password.")]);
        }
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded)
            {
                return new Invalid([.. check.Errors.Select(e => new FieldError("password", e.Description))]);
            }
        }
        return await UnitOfWork.RunAsync(db, time, async work =>
        {
            if (await users.HasPasswordAsync(user))
            {
                IdentityResults.Require(await users.RemovePasswordAsync(user));
            }
            IdentityResults.Require(await users.AddPasswordAsync(user, password));
            await SetPasswordLinks.SpendAsync(users, user);
            work.Record(new PasswordSet(user.Id), "user:" + user.Email);
            return Result<bool>.Ok(true);
        }, cancellationToken);
    }

    /// <summary>
    /// The holder enrols their authenticator: the code it shows proves it holds the key. Answers the
    /// recovery codes, shown once.
    /// </summary>
    public async Task<Result<IReadOnlyList<string>>> EnrolSecondFactorAsync(CustodyUser user, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return new Conflict("A second factor is already enrolled; an administrator resets the sign-in to enrol another.");
        }
        return await UnitOfWork.RunAsync(db, time, async work =>
        {
            if (!await SecondFactor.VerifyCodeAsync(users, user, code, time))
            {
                return new Invalid([new FieldError("code", "That is not the code your authenticator shows now.")]);
            }
            IdentityResults.Require(await users.SetTwoFactorEnabledAsync(user, true));
            var codes = await SecondFactor.NewRecoveryCodesAsync(users, user);
            work.Record(new SecondFactorEnrolled(user.Id), "user:" + user.Email);
            return Result<IReadOnlyList<string>>.Ok(codes);
        }, cancellationToken);
    }

    /// <summary>The second step of a sign-in: the authenticator's code, or else a recovery code (spent, and ledgered).</summary>
    public async Task<bool> VerifySecondFactorAsync(CustodyUser user, string? code, string? recoveryCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return false;
        }
        if (string.IsNullOrWhiteSpace(recoveryCode))
        {
            return await SecondFactor.VerifyCodeAsync(users, user, code, time);
        }
        var redeemed = await UnitOfWork.RunAsync(db, time, async work =>
        {
            var (ok, left) = await SecondFactor.RedeemRecoveryCodeAsync(users, user, recoveryCode);
            if (!ok)
            {
                return new Invalid([new FieldError("recoveryCode", "Not a recovery code of this account.")]);
            }
            work.Record(new RecoveryCodeUsed(user.Id, left), "user:" + user.Email);
            return Result<bool>.Ok(true);
        }, cancellationToken);
        return redeemed.Succeeded;
    }

    public Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken cancellationToken = default) => ViewsAsync(null, cancellationToken);

    /// <summary>One account by e-mail, or null.</summary>
    public async Task<AccountView?> FindAsync(string email, CancellationToken cancellationToken = default) =>
        await users.FindByEmailAsync(email) is { } user ? (await ViewsAsync(user.Id, cancellationToken)).Single() : null;

    // Every account, or the one named: its state and roles as the Identity tables hold them.
    private async Task<IReadOnlyList<AccountView>> ViewsAsync(string? userId, CancellationToken cancellationToken)
    {
        var accounts = await db.Users.AsNoTracking().Where(u => userId == null || u.Id == userId).OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var grants = await (from ur in db.UserRoles.AsNoTracking()
                            join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                            where userId == null || ur.UserId == userId
                            select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var pending = await db.RoleGrantRequests.AsNoTracking().Where(r => r.Status == RoleGrantRequest.Pending && (userId == null || r.UserId == userId))
            .OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
        return [.. accounts.Select(u => new AccountView(u.Id, u.Email ?? "", u.DisplayName, IsDisabled(u.LockoutEnd),
            [.. grants.Where(g => g.UserId == u.Id).Select(g => g.Name!).Order(StringComparer.Ordinal)],
            [.. pending.Where(p => p.UserId == u.Id).Select(p => new PendingGrant(p.Id, p.Role, p.Reason, p.RequestedBy, p.RequestedAt))]))];
    }

    private async Task<Result<AccountView>> ChangeAsync(string email, string reason, string actor, Func<CustodyUser, UnitOfWork, Task<Failure?>> change, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Invalid([new FieldError("reason", "Say why.")]);
        }
        if (TextInput.Refuse(reason) is { } refused)
        {
            return new Invalid([new FieldError("reason", refused)]);
        }
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            return new NotFound($"No account for {email}.");
        }
        var result = await UnitOfWork.RunAsync(db, time, async work =>
            await change(user, work) is { } failure ? Result<bool>.Fail(failure) : Result<bool>.Ok(true), cancellationToken);
        if (result.Failure is { } failed)
        {
            return failed;
        }
        return (await ViewsAsync(user.Id, cancellationToken)).Single();
    }

    private async Task<int> EnabledAdministratorsAsync(CancellationToken cancellationToken)
    {
        var holders = await users.GetUsersInRoleAsync(Roles.Administrator);
        return holders.Count(u => !IsDisabled(u.LockoutEnd));
    }

    private async Task<bool> IsLastAdministratorAsync(CustodyUser user, CancellationToken cancellationToken) =>
        await users.IsInRoleAsync(user, Roles.Administrator) && !IsDisabled(user.LockoutEnd) && await EnabledAdministratorsAsync(cancellationToken) <= 1;

    // The role catalogue is fixed in code (Roles.All); its rows are created on demand, like the web app does at start.
    private async Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

}
