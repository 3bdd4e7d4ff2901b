using Custody.Common;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>Accounts as their administrators see them, and the grants waiting for a second administrator.</summary>
public sealed class ReadAccounts(CustodyDbContext db, UserManager<CustodyUser> users) : IUseCase
{
    public Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken cancellationToken = default) => AccountViews.OfAsync(db, null, cancellationToken);

    /// <summary>One account by e-mail, or null.</summary>
    public async Task<AccountView?> FindAsync(string email, CancellationToken cancellationToken = default) =>
        await users.FindByEmailAsync(email) is { } user ? (await AccountViews.OfAsync(db, user.Id, cancellationToken)).Single() : null;

    /// <summary>Every grant waiting for approval, oldest first, with the account it is for.</summary>
    public async Task<IReadOnlyList<(PendingGrant Grant, string Email)>> PendingGrantsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from r in db.RoleGrantRequests.AsNoTracking()
                          join u in db.Users.AsNoTracking() on r.UserId equals u.Id
                          where r.Status == RoleGrantRequest.Pending
                          orderby r.RequestedAt
                          select new { r.Id, r.Role, r.Reason, r.RequestedBy, r.RequestedAt, u.Email }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (new PendingGrant(r.Id, r.Role, r.Reason, r.RequestedBy, r.RequestedAt), r.Email ?? ""))];
    }
}

/// <summary>Accounts' state and roles as the Identity tables hold them.</summary>
internal static class AccountViews
{
    /// <summary>Every account, or the one named.</summary>
    public static async Task<IReadOnlyList<AccountView>> OfAsync(CustodyDbContext db, string? userId, CancellationToken cancellationToken)
    {
        var accounts = await db.Users.AsNoTracking().Where(u => userId == null || u.Id == userId).OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var grants = await (from ur in db.UserRoles.AsNoTracking()
                            join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                            where userId == null || ur.UserId == userId
                            select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var pending = await db.RoleGrantRequests.AsNoTracking().Where(r => r.Status == RoleGrantRequest.Pending && (userId == null || r.UserId == userId))
            .OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
        return [.. accounts.Select(u => new AccountView(u.Id, u.Email ?? "", u.DisplayName, Accounts.IsDisabled(u.LockoutEnd),
            [.. grants.Where(g => g.UserId == u.Id).Select(g => g.Name!).Order(StringComparer.Ordinal)],
            [.. pending.Where(p => p.UserId == u.Id).Select(p => new PendingGrant(p.Id, p.Role, p.Reason, p.RequestedBy, p.RequestedAt))]))];
    }
}
