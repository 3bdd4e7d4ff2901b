using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// Grants a role. A privileged role is not granted yet: the grant waits, pending, for a second
/// administrator's approval (<see cref="ApproveRoleGrant"/>), and the answer lists it as pending.
/// </summary>
public sealed class GrantRole(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : AccountChange(db, users, time), IUseCase
{
    public Task<Result<AccountView>> HandleAsync(string email, string role, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (!Roles.All.Contains(role))
            {
                return new Invalid([new FieldError("role", $"'{role}' is not a role; the roles are {string.Join(", ", Roles.All)}.")]);
            }
            if (await GrantRefusalAsync(user, role) is { } refusal)
            {
                return refusal;
            }
            if (Roles.Privileged.Contains(role))
            {
                if (await Db.RoleGrantRequests.AnyAsync(r => r.UserId == user.Id && r.Role == role && r.Status == RoleGrantRequest.Pending, cancellationToken))
                {
                    return new Conflict($"A grant of {role} to {email} already waits for approval.");
                }
                work.Record(new RoleGrantRequested(Guid.NewGuid(), user.Id, role, reason.Trim()), actor);
                return null;
            }
            await EnsureRolesAsync(cancellationToken);
            IdentityResults.Require(await Users.AddToRoleAsync(user, role));
            IdentityResults.Require(await Users.UpdateSecurityStampAsync(user));
            work.Record(new RoleGranted(user.Id, role, reason.Trim()), actor);
            return null;
        }, cancellationToken);
}
