using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>
/// The real app on Kestrel (a random local port, its own SQLite file with the demo data) and
/// Debian's Chromium driven by Playwright. Without /usr/bin/chromium the tests skip and say so;
/// CI installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "Browser-Test-Password-1!";

    private readonly string _directory = Directory.CreateTempSubdirectory("custody-browser-").FullName;
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Custody", Path.Combine(_directory, "custody.db"));
            b.UseSetting("Custody:DemoPassword", Password);
            b.UseSetting("Custody:DataDirectory", _directory);
            b.UseSetting("Custody:SignInAttemptsPerMinute", "1000");
            b.UseSetting("Custody:DeliverNotifications", "false");
            // Not the default http://localhost:5080: two fixtures (and a developer's running app) must not collide.
            b.UseSetting("Urls", "http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "localhost", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Skips the calling test, saying why, where the fixture did not start (no Chromium here).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Browser), nameof(_factory))]
    private void SkipWithoutChromium()
    {
        if (Browser is null || _factory is null)
        {
            Assert.Skip($"Browser tests skipped: {ChromiumPath} is not installed (apt-get install chromium; .ci/run does).");
        }
    }

    /// <summary>A new browser page nobody signed in to (the public's), in the given language.</summary>
    public async Task<IPage> AnonymousPageAsync(string locale = "en-US")
    {
        SkipWithoutChromium();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BaseURL = BaseUrl });
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new browser page signed in as the demo user of a role, in the given language.</summary>
    public async Task<IPage> SignedInPageAsync(string role, string locale = "en-US")
    {
        SkipWithoutChromium();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, BaseURL = BaseUrl });
        // Generous: the CI machine has two cores shared with the other test projects.
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", DemoSeeder.EmailFor(role));
        await page.FillAsync("#password", Password);
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    /// <summary>Imports people (case-bundle person objects) into the app's register, as an import would.</summary>
    public async Task ImportPeopleAsync(params System.Text.Json.Nodes.JsonObject[] people)
    {
        var bundle = new System.Text.Json.Nodes.JsonObject
        {
            ["format"] = "custody.case-bundle/1",
            ["persons"] = new System.Text.Json.Nodes.JsonArray(people.Select(p => (System.Text.Json.Nodes.JsonNode)p).ToArray()),
        };
        var bytes = System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString());
        SkipWithoutChromium();
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Custody.Persistence.CustodyDbContext>();
        var result = await new Custody.Imports.ImportFile(db, TimeProvider.System).HandleAsync(() => new MemoryStream(bytes), "test:import", null, CancellationToken.None);
        Assert.True(result.Succeeded, result.Failure?.ToString());
    }

    /// <summary>Imports eligible people and takes them through a whole movement to the receiving prison (handed over, awaiting admission).</summary>
    public async Task HandOverAsync(params System.Text.Json.Nodes.JsonObject[] people)
    {
        await ImportPeopleAsync(people);
        SkipWithoutChromium();
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Custody.Persistence.CustodyDbContext>();
        var externalIds = people.Select(p => p["id"]!.GetValue<string>()).ToList();
        var ids = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.People.Where(p => externalIds.Contains(p.ExternalId)).Select(p => new { p.Id, p.ExternalId }));
        await Custody.Demo.DemoMovement.HandOverAsync(db, TimeProvider.System, "us-sv-2025", "us-processing-centre", "sv-cecot", ids.Select(p => (p.Id, p.ExternalId)).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
