using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// The operator's way in, from the server's terminal: an administrator created directly, without
/// a second one's approval, but only while fewer than two enabled administrators exist (there is
/// no one, or only one, to approve). From then on an administrator is granted like any
/// privileged role: asked for by one, approved by another.
/// </summary>
public sealed class CreateAdministrator(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : AccountChange(db, users, time), IUseCase
{
    public async Task<Result<AccountLink>> HandleAsync(string email, string displayName, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (NewAccountErrors(email, displayName, reason) is { Count: > 0 } errors)
        {
            return new Invalid(errors);
        }
        if (await EnabledAdministratorsAsync() >= 2)
        {
            return new Conflict("Two administrators already exist: a new administrator is asked for by one and approved by another.");
        }
        return await NewAccountAsync(email.Trim(), displayName, [Roles.Administrator], [], reason.Trim(), actor, cancellationToken);
    }
}
