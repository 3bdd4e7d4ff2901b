using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// What every change to an account shares: each changes the Identity tables and records its ledger
/// entry (who, whom, which role, why) in the same unit of work, so verification can rebuild who holds
/// which role (<see cref="AccountsReplay"/>), and answers the account as it now stands. A privileged
/// role is granted only when a second administrator approves (<see cref="Roles.Privileged"/>): the
/// rule lives in these use cases, so no path can skip it.
/// </summary>
public abstract class AccountChange(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time)
{
    protected CustodyDbContext Db => db;

    protected UserManager<CustodyUser> Users => users;

    protected TimeProvider Time => time;

    /// <summary>Finds the account, runs the change in one unit of work, and answers the account as it now stands.</summary>
    protected async Task<Result<AccountView>> ChangeAsync(string email, string reason, string actor, Func<CustodyUser, UnitOfWork, Task<Failure?>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
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
        return (await AccountViews.OfAsync(db, user.Id, cancellationToken)).Single();
    }

    protected static List<FieldError> NewAccountErrors(string email, string? displayName, string reason)
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
    protected async Task<Result<AccountLink>> NewAccountAsync(string email, string? displayName, string[] heldAtOnce, string[] requested, string reason, string actor,
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
        return new AccountLink((await AccountViews.OfAsync(db, id, cancellationToken)).Single(), link, until);
    }

    protected async Task<int> EnabledAdministratorsAsync()
    {
        var holders = await users.GetUsersInRoleAsync(Roles.Administrator);
        return holders.Count(u => !Accounts.IsDisabled(u.LockoutEnd));
    }

    protected async Task<bool> IsLastAdministratorAsync(CustodyUser user) =>
        await users.IsInRoleAsync(user, Roles.Administrator) && !Accounts.IsDisabled(user.LockoutEnd) && await EnabledAdministratorsAsync() <= 1;

    // The role catalogue is fixed in code (Roles.All); its rows are created on demand, like the web app does at start.
    protected async Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Where(r => !existing.Contains(r)))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    // What refuses a grant whoever asks: a role already held, or the other side of the money.
    protected async Task<Failure?> GrantRefusalAsync(CustodyUser user, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsInRoleAsync(user, role))
        {
            return new Conflict($"{user.Email} already holds the role {role}.");
        }
        if (Billing.FinanceSides.Opposite(role) is { } other && await users.IsInRoleAsync(user, other))
        {
            return new Conflict($"{user.Email} holds the role {other}: no account acts on both sides of the money.");
        }
        return null;
    }

    protected Task<RoleGrantRequest?> PendingAsync(Guid id, CancellationToken cancellationToken) =>
        db.RoleGrantRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Status == RoleGrantRequest.Pending, cancellationToken);
}
