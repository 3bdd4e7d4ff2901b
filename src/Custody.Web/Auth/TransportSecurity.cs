using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Custody.Web.Auth;

/// <summary>
/// HTTPS outside development: a page asked over HTTP is redirected (308), an API call over HTTP is
/// refused (403), and browsers are told by HSTS to use HTTPS only, for a year. Forwarded headers (client address and scheme from a reverse proxy) are believed
/// only from the proxies listed in <c>Custody:TrustedProxies</c> (addresses or CIDR networks); with
/// none listed they are ignored, so a client cannot choose the address its rate limits count under.
/// </summary>
public static class TransportSecurity
{
    /// <summary><c>Custody:RequireHttps</c> when set; otherwise on everywhere but Development and the test host.</summary>
    public static bool RequiresHttps(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return configuration.GetValue<bool?>("Custody:RequireHttps") ?? !IsDevelopmentOrTest(environment);
    }

    /// <summary>A developer's machine or the test host: where production's safeguards (HTTPS, a second factor) default to off.</summary>
    public static bool IsDevelopmentOrTest(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() || environment.IsEnvironment("Testing");
    }

    public static void AddTransportSecurity(this WebApplicationBuilder builder, bool https)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var proxies = builder.Configuration.GetSection("Custody:TrustedProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
                else
                {
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
        if (https)
        {
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = true;
            });
            builder.Services.AddHttpsRedirection(o =>
            {
                o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
                o.HttpsPort = builder.Configuration.GetValue<int?>("https_port") ?? 443;
            });
        }
    }

    /// <summary>First in the pipeline: everything after sees the real client and scheme.</summary>
    public static void UseTransportSecurity(this WebApplication app, bool https)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetSection("Custody:TrustedProxies").Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }
        if (https)
        {
            app.UseHsts();
            // Browsers are redirected; an API client that sent its token over plain HTTP is refused,
            // not redirected, so the mistake shows instead of silently working (ASVS 4.1.2).
            app.Use(async (http, next) =>
            {
                if (!http.Request.IsHttps && http.Request.Path.StartsWithSegments("/api"))
                {
                    await Results.Problem("The API answers over HTTPS only.", statusCode: StatusCodes.Status403Forbidden, title: "HTTPS required").ExecuteAsync(http);
                    return;
                }
                await next(http);
            });
            app.UseHttpsRedirection();
        }
    }
}
