namespace Custody.Web.Infrastructure;

/// <summary>
/// Headers on every response (NetEscapades.AspNetCore.SecurityHeaders): a content security policy
/// that runs no inline script and lets no other site frame a page, no MIME sniffing, a strict
/// referrer policy, no <c>Server</c> header; and <c>Cache-Control: no-store</c> on everything but
/// static files, since pages and API answers carry personal data that no shared or browser cache
/// should keep.
/// </summary>
public static class ResponseHeaders
{
    private static HeaderPolicyCollection Common() => new HeaderPolicyCollection()
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .RemoveServerHeader();

    // The pages use no script at all; the API reference (Scalar) needs its own inline start-up script.
    // Inline style attributes stay allowed: ASP.NET's validation summary hides its empty list with one.
    private static readonly HeaderPolicyCollection Pages = Common().AddContentSecurityPolicy(csp =>
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().None();
        csp.AddFormAction().Self();
        csp.AddFrameAncestors().None();
    });

    private static readonly HeaderPolicyCollection ApiReference = Common().AddContentSecurityPolicy(csp =>
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self().UnsafeInline();
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data();
        csp.AddFontSrc().Self().Data();
        csp.AddObjectSrc().None();
        csp.AddFrameAncestors().None();
    });

    private static bool IsApiReference(HttpContext http) => http.Request.Path.StartsWithSegments("/scalar");

    /// <summary>Before everything else, so that error pages and static files carry the headers too.</summary>
    public static void UseCustodySecurityHeaders(this WebApplication app)
    {
        app.UseWhen(http => !IsApiReference(http), branch => branch.UseSecurityHeaders(Pages));
        app.UseWhen(IsApiReference, branch => branch.UseSecurityHeaders(ApiReference));
    }

    /// <summary>After the static files (which may be cached): nothing else is stored by any cache.</summary>
    public static void UseNoStore(this WebApplication app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        await next(http);
    });
}
