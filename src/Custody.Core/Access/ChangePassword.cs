using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Custody.Access;

/// <summary>
/// A signed-in holder changes their own password (ASVS 6.2.2, 6.2.3). The current password proves
/// it is still them at the keyboard (7.5.1); the new one passes the same rules as any other and must
/// differ from it. Identity changes the security stamp, so every session and bearer token of the
/// account ends (the stamp is checked on every request); the entry says when, never what.
/// </summary>
public sealed class ChangePassword(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : IUseCase
{
    /// <summary>Whether the current password was the one refused (the caller counts it as a failed sign-in).</summary>
    public const string WrongCurrentPassword = "The current password is not right.";

    public async Task<Result<bool>> HandleAsync(string userId, string current, string password, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || Accounts.IsDisabled(user.LockoutEnd))
        {
            return new Forbidden("This account cannot change its password: it is disabled.");
        }
        if (string.IsNullOrEmpty(current) || !await users.CheckPasswordAsync(user, current))
        {
            return new Invalid([new FieldError("current", WrongCurrentPassword)]);
        }
        if (string.IsNullOrEmpty(password))
        {
            return new Invalid([new FieldError("password", "Choose a password.")]);
        }
        if (password == current)
        {
            return new Invalid([new FieldError("password", "The new password must differ from the current one.")]);
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
            IdentityResults.Require(await users.ChangePasswordAsync(user, current, password));
            work.Record(new PasswordSet(user.Id), "user:" + user.Email);
            return Result<bool>.Ok(true);
        }, cancellationToken);
    }
}
