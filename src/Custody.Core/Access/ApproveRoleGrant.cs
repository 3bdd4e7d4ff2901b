using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>
/// A second administrator approves a pending grant: the role is held from now on. Whoever asked
/// for it, and whoever would hold it, may not approve it.
/// </summary>
public sealed class ApproveRoleGrant(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : AccountChange(db, users, time), IUseCase
{
    public async Task<Result<AccountView>> HandleAsync(Guid requestId, string actor, CancellationToken cancellationToken = default)
    {
        if (await PendingAsync(requestId, cancellationToken) is not { } request)
        {
            return new NotFound($"No grant request {requestId} waits for approval.");
        }
        var user = await Users.FindByIdAsync(request.UserId);
        if (request.RequestedBy == actor)
        {
            return new Forbidden("A second administrator must approve: you asked for this grant.");
        }
        if (user is null || actor == "user:" + user.Email)
        {
            return new Forbidden("Nobody approves a role for their own account.");
        }
        if (Accounts.IsDisabled(user.LockoutEnd))
        {
            return new Conflict($"{user.Email} is disabled; enable the account first, or reject the request.");
        }
        return await ChangeAsync(user.Email!, request.Reason, actor, async (holder, work) =>
        {
            if (await GrantRefusalAsync(holder, request.Role) is { } refusal)
            {
                return refusal;
            }
            await EnsureRolesAsync(cancellationToken);
            IdentityResults.Require(await Users.AddToRoleAsync(holder, request.Role));
            IdentityResults.Require(await Users.UpdateSecurityStampAsync(holder));
            work.Record(new RoleGrantApproved(request.Id, holder.Id, request.Role), actor);
            work.Record(new RoleGranted(holder.Id, request.Role, $"{request.Reason} (asked for by {request.RequestedBy}, approved by {actor})"), actor);
            return null;
        }, cancellationToken);
    }
}
