using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// Who holds which role, rebuilt from the ledger's account entries alone; then compared with the
/// Identity tables, so that an account or a role grant written into the database by anything but
/// Custody (one SQL insert making counsel a case officer) is named by verification.
/// </summary>
public sealed class AccountsReplay
{
    private sealed record Account(string Email, bool Disabled, SortedSet<string> Roles);

    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    /// <summary>Applies an account entry; other entries are ignored.</summary>
    /// <exception cref="ProjectionException">The entry contradicts the ones before it.</exception>
    public void Observe(ILedgerEvent change)
    {
        switch (change)
        {
            case UserCreated created:
                if (!_accounts.TryAdd(created.User, new Account(created.Email, false, new SortedSet<string>(created.Roles, StringComparer.Ordinal))))
                {
                    throw new ProjectionException($"user {created.User} is created twice");
                }
                break;
            case UserDisabled disabled:
                _accounts[disabled.User] = Known(disabled.User) with { Disabled = true };
                break;
            case UserEnabled enabled:
                _accounts[enabled.User] = Known(enabled.User) with { Disabled = false };
                break;
            case RoleGranted granted:
                Known(granted.User).Roles.Add(granted.Role);
                break;
            case RoleRevoked revoked:
                Known(revoked.User).Roles.Remove(revoked.Role);
                break;
        }
    }

    private Account Known(string user) =>
        _accounts.TryGetValue(user, out var account) ? account : throw new ProjectionException($"user {user} is changed before any entry creates it");

    /// <summary>The first disagreement between the rebuilt accounts and the Identity tables (table, key, problem), or null.</summary>
    public async Task<(string Table, string Key, string Problem)?> CompareAsync(CustodyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email, u.LockoutEnd }).ToListAsync(cancellationToken);
        var grants = await (from ur in db.UserRoles.AsNoTracking()
                            join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                            select new { ur.UserId, Role = r.Name! }).ToListAsync(cancellationToken);
        foreach (var user in users.OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            if (!_accounts.TryGetValue(user.Id, out var account))
            {
                return ("AspNetUsers", user.Id, "an account that no ledger entry created");
            }
            if (!string.Equals(account.Email, user.Email, StringComparison.OrdinalIgnoreCase))
            {
                return ("AspNetUsers", user.Id, "the account's e-mail is not the one the ledger recorded");
            }
            if (account.Disabled != Accounts.IsDisabled(user.LockoutEnd))
            {
                return ("AspNetUsers", user.Id, account.Disabled ? "the ledger disabled this account but it can sign in" : "the account is disabled without a ledger entry");
            }
        }
        var held = grants.Select(g => (g.UserId, g.Role)).ToHashSet();
        foreach (var (user, role) in held.Order())
        {
            if (!_accounts.TryGetValue(user, out var account) || !account.Roles.Contains(role))
            {
                return ("AspNetUserRoles", $"{user}/{role}", "a role held without a ledger entry granting it");
            }
        }
        foreach (var (id, account) in _accounts.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (users.All(u => u.Id != id))
            {
                return ("AspNetUsers", id, "an account the ledger created is missing from the table");
            }
            if (account.Roles.FirstOrDefault(r => !held.Contains((id, r))) is { } missing)
            {
                return ("AspNetUserRoles", $"{id}/{missing}", "a role the ledger granted is missing from the table");
            }
        }
        return null;
    }
}
