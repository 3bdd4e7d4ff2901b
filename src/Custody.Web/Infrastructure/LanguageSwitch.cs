using Microsoft.AspNetCore.Localization;

namespace Custody.Web.Infrastructure;

/// <summary>
/// <c>/language/es?returnUrl=…</c> remembers the chosen language in a cookie and returns to a local
/// page. Over HTTPS the cookie is <c>__Host-</c> and Secure like the session's (ASVS 3.3.3): no
/// subdomain can set a language for this site.
/// </summary>
public static class LanguageSwitch
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { "en", "es" };

    public const string HostCookieName = "__Host-Custody.Language";

    /// <summary>Over plain HTTP (development) browsers refuse a <c>__Host-</c> cookie, so it goes without the prefix.</summary>
    public const string PlainCookieName = "Custody.Language";

    /// <summary>The request's language from the query, then the cookie (either name), then Accept-Language.</summary>
    public static RequestLocalizationOptions ReadLanguageCookies(this RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var at = options.RequestCultureProviders.IndexOf(options.RequestCultureProviders.OfType<CookieRequestCultureProvider>().Single());
        options.RequestCultureProviders.RemoveAt(at);
        options.RequestCultureProviders.Insert(at, new CookieRequestCultureProvider { CookieName = PlainCookieName });
        options.RequestCultureProviders.Insert(at, new CookieRequestCultureProvider { CookieName = HostCookieName });
        return options;
    }

    public static void MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!Supported.Contains(culture))
            {
                return Results.Problem($"Unsupported language \"{culture}\"; use en or es.", statusCode: StatusCodes.Status400BadRequest);
            }
            http.Response.Cookies.Append(http.Request.IsHttps ? HostCookieName : PlainCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.MaxValue.AddDays(-1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps, Path = "/" });
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
