using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// The holder of a one-time link sets their password. The link is spent by this (and by a later
/// reset); an expired, spent or altered link, or a disabled account, is refused alike.
/// </summary>
public sealed class SetPassword(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : IUseCase
{
    public async Task<Result<bool>> HandleAsync(string token, string password, CancellationToken cancellationToken = default)
    {
        var user = await SetPasswordLinks.HolderAsync(users, token, time);
        if (user is null || Accounts.IsDisabled(user.LockoutEnd))
        {
            return new Invalid([new FieldError("token", "This link is not valid: it has expired or was used already. Ask an administrator for a new one.")]);
        }
        if (string.IsNullOrEmpty(password))
        {
            return new Invalid([new FieldError("password", "Choose a password.")]);
        }
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded)
            {
                return new Invalid([.. check.Errors.Select(e => new FieldError("password", e.Description))]);
            }
        }
        return await UnitOfWork.RunAsync(db, time, async work =>
        {
            if (await users.HasPasswordAsync(user))
            {
                IdentityResults.Require(await users.RemovePasswordAsync(user));
            }
            IdentityResults.Require(await users.AddPasswordAsync(user, password));
            await SetPasswordLinks.SpendAsync(users, user);
            work.Record(new PasswordSet(user.Id), "user:" + user.Email);
            return Result<bool>.Ok(true);
        }, cancellationToken);
    }
}
