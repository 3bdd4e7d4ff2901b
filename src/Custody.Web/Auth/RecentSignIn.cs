using Microsoft.AspNetCore.Authorization;

namespace Custody.Web.Auth;

/// <summary>
/// Step-up for changes that hand out or take away access (ASVS 7.5.1): the account's holder must
/// have signed in with their password (and second factor) within <see cref="Window"/>. The sign-in
/// time travels in the session cookie and in every refreshed bearer token, so staying active is not
/// enough: an administrator whose sign-in is older signs in again.
/// </summary>
public sealed record RecentSignInRequirement(TimeSpan Window) : IAuthorizationRequirement
{
    public static readonly TimeSpan Window15Minutes = TimeSpan.FromMinutes(15);
}

/// <summary>Succeeds when the principal's <see cref="PasswordSignIn.AuthTimeClaim"/> is within the requirement's window.</summary>
public sealed class RecentSignInHandler(TimeProvider time) : AuthorizationHandler<RecentSignInRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RecentSignInRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (PasswordSignIn.SignedInAt(context.User) is { } at && time.GetUtcNow() - at <= requirement.Window)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, $"Sign in again: this change needs a sign-in within the last {requirement.Window.TotalMinutes:0} minutes."));
        }
        return Task.CompletedTask;
    }
}
