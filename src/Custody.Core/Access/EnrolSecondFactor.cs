using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// The holder enrols their authenticator: the code it shows proves it holds the key. Answers the
/// recovery codes, shown once.
/// </summary>
public sealed class EnrolSecondFactor(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : IUseCase
{
    public async Task<Result<IReadOnlyList<string>>> HandleAsync(CustodyUser user, string? code, CancellationToken cancellationToken = default)
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
}
