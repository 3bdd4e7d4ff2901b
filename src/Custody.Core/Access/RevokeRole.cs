using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>Revokes a role; the sessions and tokens that carry it end at their next check. The last enabled administrator keeps the role.</summary>
public sealed class RevokeRole(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : AccountChange(db, users, time), IUseCase
{
    public Task<Result<AccountView>> HandleAsync(string email, string role, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (!await Users.IsInRoleAsync(user, role))
            {
                return new Conflict($"{email} does not hold the role {role}.");
            }
            if (role == Roles.Administrator && await IsLastAdministratorAsync(user))
            {
                return new Conflict($"{email} is the last enabled administrator: no one could administer accounts.");
            }
            IdentityResults.Require(await Users.RemoveFromRoleAsync(user, role));
            // The revoked role must not outlive the sessions and tokens that carry it.
            IdentityResults.Require(await Users.UpdateSecurityStampAsync(user));
            work.Record(new RoleRevoked(user.Id, role, reason.Trim()), actor);
            return null;
        }, cancellationToken);
}
