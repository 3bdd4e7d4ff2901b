using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>The second step of a sign-in: the authenticator's code, or else a recovery code (spent, and ledgered).</summary>
public sealed class VerifySecondFactor(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : IUseCase
{
    public async Task<bool> HandleAsync(CustodyUser user, string? code, string? recoveryCode, CancellationToken cancellationToken = default)
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
}
