using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Access;

/// <summary>Granting and revoking roles, with the two-person rule for the privileged ones.</summary>
public sealed partial class Accounts
{
    /// <summary>
    /// Grants a role. A privileged role is not granted yet: the grant waits, pending, for a second
    /// administrator's approval (<see cref="ApproveAsync"/>), and the answer lists it as pending.
    /// </summary>
    public Task<Result<AccountView>> GrantAsync(string email, string role, string reason, string actor, CancellationToken cancellationToken = default) =>
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
                if (await db.RoleGrantRequests.AnyAsync(r => r.UserId == user.Id && r.Role == role && r.Status == RoleGrantRequest.Pending, cancellationToken))
                {
                    return new Conflict($"A grant of {role} to {email} already waits for approval.");
                }
                work.Record(new RoleGrantRequested(Guid.NewGuid(), user.Id, role, reason.Trim()), actor);
                return null;
            }
            await EnsureRolesAsync(cancellationToken);
            IdentityResults.Require(await users.AddToRoleAsync(user, role));
            IdentityResults.Require(await users.UpdateSecurityStampAsync(user));
            work.Record(new RoleGranted(user.Id, role, reason.Trim()), actor);
            return null;
        }, cancellationToken);

    /// <summary>
    /// A second administrator approves a pending grant: the role is held from now on. Whoever asked
    /// for it, and whoever would hold it, may not approve it.
    /// </summary>
    public async Task<Result<AccountView>> ApproveAsync(Guid requestId, string actor, CancellationToken cancellationToken = default)
    {
        if (await PendingAsync(requestId, cancellationToken) is not { } request)
        {
            return new NotFound($"No grant request {requestId} waits for approval.");
        }
        var user = await users.FindByIdAsync(request.UserId);
        if (request.RequestedBy == actor)
        {
            return new Forbidden("A second administrator must approve: you asked for this grant.");
        }
        if (user is null || actor == "user:" + user.Email)
        {
            return new Forbidden("Nobody approves a role for their own account.");
        }
        if (IsDisabled(user.LockoutEnd))
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
            IdentityResults.Require(await users.AddToRoleAsync(holder, request.Role));
            IdentityResults.Require(await users.UpdateSecurityStampAsync(holder));
            work.Record(new RoleGrantApproved(request.Id, holder.Id, request.Role), actor);
            work.Record(new RoleGranted(holder.Id, request.Role, $"{request.Reason} (asked for by {request.RequestedBy}, approved by {actor})"), actor);
            return null;
        }, cancellationToken);
    }

    /// <summary>Refuses a pending grant, or withdraws it when its asker does.</summary>
    public async Task<Result<AccountView>> RejectAsync(Guid requestId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (await PendingAsync(requestId, cancellationToken) is not { } request)
        {
            return new NotFound($"No grant request {requestId} waits for approval.");
        }
        var email = await db.Users.Where(u => u.Id == request.UserId).Select(u => u.Email).SingleAsync(cancellationToken);
        return await ChangeAsync(email!, reason, actor, (holder, work) =>
        {
            work.Record(new RoleGrantRejected(request.Id, holder.Id, request.Role, reason.Trim()), actor);
            return Task.FromResult<Failure?>(null);
        }, cancellationToken);
    }

    public Task<Result<AccountView>> RevokeAsync(string email, string role, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(email, reason, actor, async (user, work) =>
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                return new Conflict($"{email} does not hold the role {role}.");
            }
            if (role == Roles.Administrator && await IsLastAdministratorAsync(user, cancellationToken))
            {
                return new Conflict($"{email} is the last enabled administrator: no one could administer accounts.");
            }
            IdentityResults.Require(await users.RemoveFromRoleAsync(user, role));
            // The revoked role must not outlive the sessions and tokens that carry it.
            IdentityResults.Require(await users.UpdateSecurityStampAsync(user));
            work.Record(new RoleRevoked(user.Id, role, reason.Trim()), actor);
            return null;
        }, cancellationToken);

    /// <summary>Every grant waiting for approval, oldest first, with the account it is for.</summary>
    public async Task<IReadOnlyList<(PendingGrant Grant, string Email)>> PendingGrantsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from r in db.RoleGrantRequests.AsNoTracking()
                          join u in db.Users.AsNoTracking() on r.UserId equals u.Id
                          where r.Status == RoleGrantRequest.Pending
                          orderby r.RequestedAt
                          select new { r.Id, r.Role, r.Reason, r.RequestedBy, r.RequestedAt, u.Email }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (new PendingGrant(r.Id, r.Role, r.Reason, r.RequestedBy, r.RequestedAt), r.Email ?? ""))];
    }

    private Task<RoleGrantRequest?> PendingAsync(Guid id, CancellationToken cancellationToken) =>
        db.RoleGrantRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Status == RoleGrantRequest.Pending, cancellationToken);

    // What refuses a grant whoever asks: a role already held, or the other side of the money.
    private async Task<Failure?> GrantRefusalAsync(CustodyUser user, string role)
    {
        if (await users.IsInRoleAsync(user, role))
        {
            return new Conflict($"{user.Email} already holds the role {role}.");
        }
        if (Billing.FinanceSides.Opposite(role) is { } other && await users.IsInRoleAsync(user, other))
        {
            return new Conflict($"{user.Email} holds the role {other}: no account acts on both sides of the money.");
        }
        return null;
    }
}
