using Custody.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Custody.Web.Auth;

/// <summary>
/// ASP.NET Core Identity: cookies for people at the UI, bearer tokens for machine clients of the
/// API (chosen by the Authorization header), lockout on after five failed attempts.
/// </summary>
public static class AuthSetup
{
    private const string SmartScheme = "cookie-or-bearer";

    public static void AddCustodyAuth(this IServiceCollection services)
    {
        services.AddIdentityCore<CustodyUser>(Custody.Access.Accounts.Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CustodyDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = SmartScheme;
            o.DefaultChallengeScheme = SmartScheme;
        });
        authentication.AddPolicyScheme(SmartScheme, "Cookie or bearer token", o =>
            o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme);
        authentication.AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        authentication.AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403 as ProblemDetails; only pages redirect to the sign-in form.
            o.Events.OnRedirectToLogin = context => ApiOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization(Policies.Add);
    }

    private static Task ApiOrRedirect(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
