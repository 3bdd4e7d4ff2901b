using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// Resets an account's sign-in: the password and the second factor go, every session and token
/// ends, and a new one-time link lets the holder set a password again.
/// </summary>
public sealed class ResetSignIn(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : AccountChange(db, users, time), IUseCase
{
    public async Task<Result<AccountLink>> HandleAsync(string email, string reason, string actor, CancellationToken cancellationToken = default)
    {
        (string Token, DateTime Expires) link = ("", default);
        var changed = await ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (await Users.HasPasswordAsync(user))
            {
                IdentityResults.Require(await Users.RemovePasswordAsync(user));
            }
            IdentityResults.Require(await Users.ResetAccessFailedCountAsync(user));
            // The second factor goes too (a lost phone is a common reason): the holder enrols again.
            await SecondFactor.ClearAsync(Users, user);
            IdentityResults.Require(await Users.UpdateSecurityStampAsync(user));
            link = await SetPasswordLinks.IssueAsync(Users, user, Time);
            work.Record(new SignInReset(user.Id, reason), actor);
            return (Failure?)null;
        }, cancellationToken);
        return changed.Value is { } account ? new AccountLink(account, link.Token, link.Expires) : changed.Failure!;
    }
}
