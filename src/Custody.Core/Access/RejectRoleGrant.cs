using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>Refuses a pending grant, or withdraws it when its asker does, with a reason.</summary>
public sealed class RejectRoleGrant(CustodyDbContext db, UserManager<CustodyUser> users, TimeProvider time) : AccountChange(db, users, time), IUseCase
{
    public async Task<Result<AccountView>> HandleAsync(Guid requestId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (await PendingAsync(requestId, cancellationToken) is not { } request)
        {
            return new NotFound($"No grant request {requestId} waits for approval.");
        }
        var email = await Db.Users.Where(u => u.Id == request.UserId).Select(u => u.Email).SingleAsync(cancellationToken);
        return await ChangeAsync(email!, reason, actor, (holder, work) =>
        {
            work.Record(new RoleGrantRejected(request.Id, holder.Id, request.Role, reason.Trim()), actor);
            return Task.FromResult<Failure?>(null);
        }, cancellationToken);
    }
}
