using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Custody.Web.Auth;

/// <summary>
/// ASP.NET Core Identity: cookies for people at the UI, bearer tokens for machine clients of the
/// API (chosen by the Authorization header). Both end within a minute of a change to the account
/// (disabled, sign-in reset, role revoked): cookies through Identity's security stamp validator,
/// tokens through <see cref="TokenStampCheck"/>. Under HTTPS the cookies are <c>__Host-</c> and Secure.
/// </summary>
public static class AuthSetup
{
    private const string SmartScheme = "cookie-or-bearer";

    public static void AddCustodyAuth(this IServiceCollection services, bool https, bool secondFactorRequired)
    {
        services.AddIdentityCore<CustodyUser>(Custody.Access.Accounts.Configure)
            .AddPasswordValidator<Custody.Access.GuessablePassword>()
            .AddPasswordValidator<Custody.Access.BreachedPassword>()
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
            o.ForwardDefaultSelector = context => SchemeFor(context.Request));
        authentication.AddBearerToken(IdentityConstants.BearerScheme, o =>
        {
            o.BearerTokenExpiration = TimeSpan.FromMinutes(15);
            o.RefreshTokenExpiration = TimeSpan.FromHours(8);
        });
        authentication.AddIdentityCookies();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Custody.Access.Accounts.PasswordHashIterations);
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The revalidated principal keeps how and when its holder signed in.
            o.OnRefreshingPrincipal = context =>
            {
                var identity = context.NewPrincipal?.Identities.FirstOrDefault();
                foreach (var claim in context.CurrentPrincipal?.Claims.Where(c => c.Type is PasswordSignIn.AuthTimeClaim or PasswordSignIn.MethodClaim) ?? [])
                {
                    identity?.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
                }
                return Task.CompletedTask;
            };
        });
        services.AddMemoryCache();
        services.AddSingleton<SignInThrottle>();
        services.AddHttpContextAccessor();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            if (https)
            {
                // __Host-: sent only over HTTPS, only to this host, for the whole site; no subdomain can set or read it.
                o.Cookie.Name = "__Host-Custody";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403 as ProblemDetails; only pages redirect to the sign-in form.
            o.Events.OnRedirectToLogin = context => ApiOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            // However active, a session ends twelve hours after its sign-in (sliding expiration alone would let it live for ever).
            var validateStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (context.Principal is { } principal && PasswordSignIn.Expired(principal, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>()))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await validateStamp(context);
            };
            o.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        if (https)
        {
            services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
            {
                o.Cookie.Name = "__Host-Custody.SecondStep";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            });
            services.AddAntiforgery(o =>
            {
                o.Cookie.Name = "__Host-Custody.Antiforgery";
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            });
        }
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, RecentSignInHandler>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton(new SecondFactorPolicy(secondFactorRequired));
    }

    /// <summary>
    /// A bearer token when one is sent. Otherwise the UI's cookie — except for a change through the
    /// API: a browser sends the cookie with any form another site makes it post, so an API write is
    /// authenticated by a bearer token only (cross-site request forgery cannot change anything).
    /// Pages keep the cookie, with their antiforgery tokens.
    /// </summary>
    internal static string SchemeFor(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IdentityConstants.BearerScheme;
        }
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        return request.Path.StartsWithSegments("/api") && !safe ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
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
