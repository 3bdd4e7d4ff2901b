using System.Security.Claims;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Custody.Web.Auth;

/// <summary>
/// A bearer token is checked against its account on every request: when the security stamp it
/// carries is no longer the account's (the account was disabled, its sign-in reset, a role revoked)
/// or the account is disabled, the request goes on as anonymous and authorization refuses it (401).
/// One lookup by key per request; cookies get the same check from Identity's security stamp
/// validator, every minute.
/// </summary>
public sealed class TokenStampCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        // Identity's services are resolved only for a bearer request: anonymous reads (the public locator) never build them.
        if (http.User.Identity?.IsAuthenticated == true && AuthSetup.SchemeFor(http.Request) == IdentityConstants.BearerScheme
            && (await http.RequestServices.GetRequiredService<SignInManager<CustodyUser>>().ValidateSecurityStampAsync(http.User) is not { } user
                || Custody.Access.Accounts.IsDisabled(user.LockoutEnd)))
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(http);
    }
}
