using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>Disables an account: its sessions and bearer tokens stop working at their next check. The last enabled administrator stays.</summary>
public sealed class DisableAccount(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : AccountChange(db, users, time), IUseCase
{
    public Task<Result<AccountView>> HandleAsync(string email, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (Accounts.IsDisabled(user.LockoutEnd))
            {
                return new Conflict($"{email} is already disabled.");
            }
            if (await IsLastAdministratorAsync(user))
            {
                return new Conflict($"{email} is the last enabled administrator: no one could administer accounts.");
            }
            IdentityResults.Require(await Users.SetLockoutEnabledAsync(user, true));
            IdentityResults.Require(await Users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            // A new security stamp ends the account's sessions and bearer tokens at their next check.
            IdentityResults.Require(await Users.UpdateSecurityStampAsync(user));
            work.Record(new UserDisabled(user.Id, reason), actor);
            return (Failure?)null;
        }, cancellationToken);
}
