using System.Security.Cryptography;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>An account as its administrators see it.</summary>
public sealed record AccountView(string Id, string Email, string DisplayName, bool Disabled, IReadOnlyList<string> Roles);

/// <summary>A new account and its one-time password (to hand over out of band; it is never stored in clear).</summary>
public sealed record CreatedAccount(AccountView Account, string InitialPassword);

/// <summary>
/// Creating, disabling and enabling accounts, granting and revoking roles: each changes the
/// Identity tables and records its ledger entry (who, whom, which role, why) in the same transaction,
/// so that verification can rebuild who holds which role (<see cref="AccountsReplay"/>).
/// </summary>
public sealed class Accounts(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time)
{
    /// <summary>
    /// The Identity settings every account tool shares (the web app, the CLI): e-mail as the unique
    /// name, lockout after five failed sign-ins for 15 minutes, passwords of at least 12 characters.
    /// </summary>
    public static void Configure(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.User.RequireUniqueEmail = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Password.RequiredLength = 12;
    }

    /// <summary>An account disabled by Custody is locked out until the end of time; a lockout after failed sign-ins ends.</summary>
    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.Year >= 9999;

    public async Task<Result<CreatedAccount>> CreateAsync(string email, string displayName, IReadOnlyList<string> roles, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(new FieldError("email", "Give the account's e-mail address."));
        }
        if (roles.Count == 0)
        {
            errors.Add(new FieldError("roles", "Give at least one role."));
        }
        errors.AddRange(roles.Where(r => !Roles.All.Contains(r)).Select(r => new FieldError("roles", $"'{r}' is not a role; the roles are {string.Join(", ", Roles.All)}.")));
        if (roles.Contains(Roles.SendingFinanceOfficer) && roles.Contains(Roles.ReceivingFinanceOfficer))
        {
            errors.Add(new FieldError("roles", "No account holds both the sending and the receiving finance roles."));
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("reason", "Say why the account is created."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return new Conflict($"An account for {email} already exists.");
        }
        await EnsureRolesAsync(cancellationToken);
        string[] granted = [.. roles.Distinct().Order(StringComparer.Ordinal)];
        var password = "Init-" + RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16) + "-9!";
        return await UnitOfWork.RunAsync(db, time, async work =>
        {
            var user = new CustodyUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRolesAsync(user, granted));
            work.Record(new UserCreated(user.Id, email, granted), actor);
            return Result<CreatedAccount>.Ok(new CreatedAccount(new AccountView(user.Id, email, displayName, false, granted), password));
        }, cancellationToken);
    }

    public Task<Result<AccountView>> DisableAsync(string email, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (IsDisabled(user.LockoutEnd))
            {
                return new Conflict($"{email} is already disabled.");
            }
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            // A new security stamp ends the account's cookie sessions at their next validation.
            Check(await users.UpdateSecurityStampAsync(user));
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
            Check(await users.SetLockoutEndDateAsync(user, null));
            work.Record(new UserEnabled(user.Id, reason), actor);
            return null;
        }, cancellationToken);

    public Task<Result<AccountView>> GrantAsync(string email, string role, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (!Roles.All.Contains(role))
            {
                return new Invalid([new FieldError("role", $"'{role}' is not a role; the roles are {string.Join(", ", Roles.All)}.")]);
            }
            if (await users.IsInRoleAsync(user, role))
            {
                return new Conflict($"{email} already holds the role {role}.");
            }
            if (Billing.FinanceSides.Opposite(role) is { } other && await users.IsInRoleAsync(user, other))
            {
                return new Conflict($"{email} holds the role {other}: no account acts on both sides of the money.");
            }
            await EnsureRolesAsync(cancellationToken);
            Check(await users.AddToRoleAsync(user, role));
            Check(await users.UpdateSecurityStampAsync(user));
            work.Record(new RoleGranted(user.Id, role, reason), actor);
            return null;
        }, cancellationToken);

    public Task<Result<AccountView>> RevokeAsync(string email, string role, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                return new Conflict($"{email} does not hold the role {role}.");
            }
            Check(await users.RemoveFromRoleAsync(user, role));
            // The revoked role must not outlive the sessions that carry it.
            Check(await users.UpdateSecurityStampAsync(user));
            work.Record(new RoleRevoked(user.Id, role, reason), actor);
            return null;
        }, cancellationToken);

    public Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken cancellationToken = default) => ViewsAsync(null, cancellationToken);

    // Every account, or the one named: its state and roles as the Identity tables hold them.
    private async Task<IReadOnlyList<AccountView>> ViewsAsync(string? userId, CancellationToken cancellationToken)
    {
        var accounts = await db.Users.AsNoTracking().Where(u => userId == null || u.Id == userId).OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var grants = await (from ur in db.UserRoles.AsNoTracking()
                            join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                            where userId == null || ur.UserId == userId
                            select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        return [.. accounts.Select(u => new AccountView(u.Id, u.Email ?? "", u.DisplayName, IsDisabled(u.LockoutEnd),
            [.. grants.Where(g => g.UserId == u.Id).Select(g => g.Name!).Order(StringComparer.Ordinal)]))];
    }

    private async Task<Result<AccountView>> ChangeAsync(string email, string reason, string actor, Func<CustodyUser, UnitOfWork, Task<Failure?>> change, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Invalid([new FieldError("reason", "Say why.")]);
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

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The account store refused the change: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
