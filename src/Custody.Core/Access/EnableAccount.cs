using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>Enables a disabled account again.</summary>
public sealed class EnableAccount(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : AccountChange(db, users, time), IUseCase
{
    public Task<Result<AccountView>> HandleAsync(string email, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (!Accounts.IsDisabled(user.LockoutEnd))
            {
                return new Conflict($"{email} is not disabled.");
            }
            IdentityResults.Require(await Users.SetLockoutEndDateAsync(user, null));
            work.Record(new UserEnabled(user.Id, reason), actor);
            return null;
        }, cancellationToken);
}
