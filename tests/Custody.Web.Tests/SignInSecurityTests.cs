using System.Net;
using System.Net.Http.Json;
using Custody.Access;
using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Custody.Web.Tests;

/// <summary>Few attempts a minute per account across addresses, and two allowed per address, to reach both limits quickly.</summary>
public sealed class TightSignInFactory : CustodyWebFactory
{
    public TightSignInFactory() => SignInAttemptsPerMinute = 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Custody:SignInAttemptsPerAccountPerMinute", "3");
    }
}

/// <summary>Behind a reverse proxy at 10.0.0.1, which is trusted to name the client.</summary>
public sealed class BehindProxyFactory : CustodyWebFactory
{
    public BehindProxyFactory() => SignInAttemptsPerMinute = 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Custody:TrustedProxies:0", "10.0.0.1");
    }
}

/// <summary>A production start (HTTPS required), with the demo users so that a sign-in can be tried.</summary>
public sealed class HttpsProductionFactory : CustodyWebFactory
{
    protected override string EnvironmentName => "Production";
}

/// <summary>
/// Password guessing is slowed per account and address, without letting an attacker lock the holder
/// out from elsewhere; client addresses come from trusted proxies only; HTTPS, HSTS and __Host- cookies in production.
/// </summary>
public sealed class SignInSecurityTests(DeadlineWebFactory clocked, TightSignInFactory tight, BehindProxyFactory proxied, HttpsProductionFactory production)
    : IClassFixture<DeadlineWebFactory>, IClassFixture<TightSignInFactory>, IClassFixture<BehindProxyFactory>, IClassFixture<HttpsProductionFactory>
{
    [Fact]
    public async Task FiveFailures_HoldBackThatAddress_WithADoublingWait_WhileTheHolderSignsInFromTheirOwn()
    {
        var email = DemoSeeder.EmailFor(Roles.EscortOfficer);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, (await TokenAsync(clocked, "203.0.113.5", email, "wrong-" + i)).Response.StatusCode);
        }

        var heldBack = await TokenAsync(clocked, "203.0.113.5", email, CustodyWebFactory.Password);
        var holder = await TokenAsync(clocked, "198.51.100.7", email, CustodyWebFactory.Password);
        clocked.Time.Advance(TimeSpan.FromSeconds(1));
        var sixth = await TokenAsync(clocked, "203.0.113.5", email, "wrong-6");
        clocked.Time.Advance(TimeSpan.FromSeconds(1));
        var stillHeld = await TokenAsync(clocked, "203.0.113.5", email, CustodyWebFactory.Password);
        clocked.Time.Advance(TimeSpan.FromSeconds(1));
        var afterTwoSeconds = await TokenAsync(clocked, "203.0.113.5", email, CustodyWebFactory.Password);

        Assert.Equal(StatusCodes.Status429TooManyRequests, heldBack.Response.StatusCode);
        Assert.Equal("1", heldBack.Response.RetryAfter);
        Assert.Equal(StatusCodes.Status200OK, holder.Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, sixth.Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, stillHeld.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, afterTwoSeconds.Response.StatusCode);
    }

    [Fact]
    public async Task AnIPv6Client_IsCountedByIts64Prefix()
    {
        var email = DemoSeeder.EmailFor(Roles.Auditor);
        for (var i = 0; i < 5; i++)
        {
            await TokenAsync(clocked, $"2001:db8:1:2::{i + 1}", email, "wrong-" + i);
        }

        var samePrefix = await TokenAsync(clocked, "2001:db8:1:2::ffff", email, CustodyWebFactory.Password);
        var otherPrefix = await TokenAsync(clocked, "2001:db8:1:3::1", email, CustodyWebFactory.Password);

        Assert.Equal(StatusCodes.Status429TooManyRequests, samePrefix.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, otherPrefix.Response.StatusCode);
    }

    [Fact]
    public async Task AnAccount_TakesAFixedNumberOfAttemptsAMinute_AcrossAllAddresses()
    {
        var email = DemoSeeder.EmailFor(Roles.Inspector);
        var answers = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await TokenAsync(tight, $"192.0.2.{i + 1}", email, "wrong")).Response.StatusCode);
        }

        Assert.Equal([401, 401, 401, 429], answers);
    }

    [Fact]
    public async Task ForwardedAddresses_AreBelievedFromTheTrustedProxyOnly()
    {
        async Task<int[]> ThreeClientsThroughAsync(CustodyWebFactory factory, string proxy)
        {
            var answers = new int[3];
            for (var i = 0; i < 3; i++)
            {
                answers[i] = (await TokenAsync(factory, proxy, "nobody@example.org", "x", forwardedFor: $"203.0.113.{i + 10}")).Response.StatusCode;
            }
            return answers;
        }

        // Two attempts a minute per address: through the trusted proxy, three clients are three addresses;
        // from anywhere else the header is ignored, and the third attempt is the sender's third.
        var trusted = await ThreeClientsThroughAsync(proxied, "10.0.0.1");
        var untrusted = await ThreeClientsThroughAsync(tight, "10.0.0.9");
        Assert.Equal(new[] { 401, 401, 401 }, trusted);
        Assert.Equal(new[] { 401, 401, 429 }, untrusted);
    }

    [Fact]
    public async Task InProduction_PagesAreRedirectedToHttps_TheApiIsRefusedOverHttp_HttpsCarriesHsts_AndCookiesAreHostOnlyAndSecure()
    {
        var http = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://custody.example"), AllowAutoRedirect = false });
        var https = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://custody.example"), AllowAutoRedirect = false });

        var redirected = await http.GetAsync("/Account/Login");
        var apiOverHttp = await http.PostAsJsonAsync("/api/auth/token", new { email = "x@example.org", password = "y" });
        var page = await https.GetAsync("/Account/Login");
        var form = await page.Content.ReadAsStringAsync();
        var signedIn = await https.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoSeeder.EmailFor(Roles.Auditor), ["Password"] = CustodyWebFactory.Password, ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));
        var switched = await https.GetAsync("/language/es?returnUrl=/Account/Login");
        using var inSpanish = new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { { "Cookie", switched.Headers.GetValues("Set-Cookie").Single().Split(';')[0] } } };
        var spanishLogin = await (await https.SendAsync(inSpanish)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
        Assert.Equal("https://custody.example/Account/Login", redirected.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, apiOverHttp.StatusCode);
        Assert.Contains("HTTPS only", await apiOverHttp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("max-age=31536000; includeSubDomains", page.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Custody.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        // Production requires a second factor: the password leads to enrolment, carried by the two-factor cookie.
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.StartsWith("/Account/Enrol", signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Custody.SecondStep=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
        var language = switched.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("__Host-Custody.Language=", language, StringComparison.Ordinal);
        Assert.Contains("secure", language, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", language, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", language, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("lang=\"es\"", spanishLogin, StringComparison.Ordinal);
    }

    private sealed record Answer(int StatusCode, string RetryAfter);

    private static async Task<(Answer Response, int _)> TokenAsync(CustodyWebFactory factory, string address, string email, string password, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(TestClientAddress.Header, address);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        using var response = await factory.Anonymous().SendAsync(request);
        return (new Answer((int)response.StatusCode, response.Headers.RetryAfter?.ToString() ?? ""), 0);
    }
}
