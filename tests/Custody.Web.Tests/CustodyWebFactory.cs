using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Custody.Persistence;
using Custody.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Custody.Web.Tests;

/// <summary>
/// The real app on its own migrated SQLite file, seeded with the demo data and users, through
/// the whole ASP.NET Core pipeline.
/// </summary>
public partial class CustodyWebFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-Password-For-Demo-1!";

    /// <summary>Generous by default: one test class signs in many times from one address.</summary>
    public int SignInAttemptsPerMinute { get; init; } = 1000;

    /// <summary>Generous by default, like sign-ins.</summary>
    public int LocatorRequestsPerMinute { get; init; } = 100_000;

    /// <summary>Generous by default: a test class reads as the same demo users many times a minute.</summary>
    public int ReadsPerUserPerMinute { get; init; } = 100_000;

    /// <summary>Heavy requests (whole screenings, imports, verifications) at once, and waiting.</summary>
    public (int AtOnce, int Queued) HeavyRequests { get; init; } = (2, 10);

    /// <summary>The app's data directory (database, keys, checkpoint file); a second factory given the same one restarts the same node.</summary>
    public string DataDirectory { get; init; } = Directory.CreateTempSubdirectory("custody-web-").FullName;

    /// <summary>Whether disposing removes the data directory; false for a node a test restarts.</summary>
    public bool DeleteDataOnDispose { get; init; } = true;

    /// <summary>The app's database: a SQLite file in the data directory unless a subclass says otherwise.</summary>
    protected virtual string ConnectionString => Path.Combine(DataDirectory, "custody.db");

    /// <summary>The host environment; only Development seeds demo data by default.</summary>
    protected virtual string EnvironmentName => "Testing";

    /// <summary>Whether the demo data and users are seeded; null leaves it to the environment.</summary>
    protected virtual bool? SeedDemoData => true;

    /// <summary>One password for every demo user (so tests can sign in); null gives each their own, as a real start does.</summary>
    protected virtual string? SharedDemoPassword => Password;

    /// <summary>The app's clock; null means the system clock. A test that must cross an instant (midnight, a deadline) supplies a fake one.</summary>
    protected virtual TimeProvider? Clock => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
        builder.ConfigureTestServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>());
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Custody", ConnectionString);
        if (SharedDemoPassword is { } password)
        {
            builder.UseSetting("Custody:DemoPassword", password);
        }
        if (SeedDemoData is { } seed)
        {
            builder.UseSetting("Custody:SeedDemoData", seed ? "true" : "false");
        }
        builder.UseSetting("Custody:DataDirectory", DataDirectory);
        // Tests deliver the outbox themselves when they need to; a background sender would race their ledger reads.
        builder.UseSetting("Custody:DeliverNotifications", "false");
        // Likewise checkpoints: a test signs one on demand (POST /api/ledger/checkpoints) when it needs one.
        builder.UseSetting("Custody:Log:Publish", "false");
        builder.UseSetting("Custody:WatchDeadlines", "false");
        builder.UseSetting("Custody:LocatorRequestsPerMinute", LocatorRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Custody:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Custody:ReadsPerUserPerMinute", ReadsPerUserPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Custody:HeavyRequestsAtOnce", HeavyRequests.AtOnce.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Custody:HeavyRequestsQueued", HeavyRequests.Queued.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A browser-like client signed in through the sign-in form.</summary>
    public Task<HttpClient> SignedInAsync(string role) => SignedInAsync(DemoSeeder.EmailFor(role), Password);

    /// <summary>A browser-like client signed in through the sign-in form with an account's own password.</summary>
    public async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInFormAsync(client, email, password)).StatusCode);
        return client;
    }

    /// <summary>Posts the sign-in form as a browser would (the page first, for its antiforgery token); the answer says where it leads.</summary>
    public static async Task<HttpResponseMessage> SignInFormAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync("/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
    }

    /// <summary>A machine client holding a bearer token.</summary>
    public async Task<HttpClient> BearerAsync(string role)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email = DemoSeeder.EmailFor(role), password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The register's id of a person by bundle id.</summary>
    public async Task<Guid> PersonIdAsync(string externalId)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CustodyDbContext>().People
            .Where(p => p.ExternalId == externalId).Select(p => p.Id).SingleAsync();
    }

    /// <summary>Posts the set-password form of a one-time link (a path with its token) and answers the page.</summary>
    public async Task<string> PostSetPasswordAsync(string path, string password)
    {
        var client = Anonymous();
        var form = await client.GetStringAsync(path);
        var token = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query)["token"]!;
        var response = await client.PostAsync("/Account/SetPassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Token"] = token, ["Password"] = password, ["Confirm"] = password, ["__RequestVerificationToken"] = AntiforgeryToken(form),
        }));
        return await response.Content.ReadAsStringAsync();
    }

    public static string AntiforgeryToken(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!DeleteDataOnDispose)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; a temp folder left behind is harmless.
        }
    }
}

/// <summary>
/// The test host has no network peer: a request's client address is taken from the test-only
/// header <see cref="Header"/> before any of the app's middleware runs, so that tests can act as
/// several clients (limits per address, trusted proxies).
/// </summary>
public sealed class TestClientAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (context.Request.Headers[Header] is [{ } address])
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            }
            await following(context);
        });
        next(app);
    };
}
