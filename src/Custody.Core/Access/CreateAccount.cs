using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// Creates an account with its roles. The privileged ones wait for a second administrator's
/// approval; the others are held at once. The answer carries the holder's one-time link.
/// </summary>
public sealed class CreateAccount(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : AccountChange(db, users, time), IUseCase
{
    public async Task<Result<AccountLink>> HandleAsync(string email, string displayName, IReadOnlyList<string> roles, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var errors = NewAccountErrors(email, displayName, reason);
        if (roles.Count == 0)
        {
            errors.Add(new FieldError("roles", "Give at least one role."));
        }
        errors.AddRange(roles.Where(r => !Roles.All.Contains(r)).Select(r => new FieldError("roles", $"'{r}' is not a role; the roles are {string.Join(", ", Roles.All)}.")));
        if (roles.Contains(Roles.SendingFinanceOfficer) && roles.Contains(Roles.ReceivingFinanceOfficer))
        {
            errors.Add(new FieldError("roles", "No account holds both the sending and the receiving finance roles."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        string[] wanted = [.. roles.Distinct().Order(StringComparer.Ordinal)];
        return await NewAccountAsync(email.Trim(), displayName, [.. wanted.Where(r => !Roles.Privileged.Contains(r))], [.. wanted.Where(Roles.Privileged.Contains)],
            reason.Trim(), actor, cancellationToken);
    }
}
