using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custody.Web.Tests;

/// <summary>The app as operators run it: metrics, liveness and readiness, and request logs that name no one.</summary>
public sealed class OperationsTests(OperationsTests.Factory factory) : IClassFixture<OperationsTests.Factory>
{
    /// <summary>The real app on its own database, every log line it writes kept for the test to read.</summary>
    public sealed class Factory : CustodyWebFactory
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new Capture(Lines)));
        }
    }

    [Fact]
    public async Task Metrics_NameTheProjectsMeters_InPrometheusFormat()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        await factory.Anonymous().GetAsync("/api/locator?identifier=A000000000&countryOfBirth=SV");
        await TransferScenario.CreateManifestAsync(supervisor);

        var metrics = await factory.Anonymous().GetStringAsync("/metrics");

        // Prometheus names: dots become underscores, counters end in _total, seconds gauges in _seconds.
        Assert.Matches(@"custody_ledger_appends_total\{[^}]*kind=""manifest\.created""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"custody_locator_requests_total\{[^}]*answer=""none""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"(?m)^custody_outbox_backlog\{", metrics);
        Assert.Matches(@"(?m)^custody_checkpoint_age_seconds\{", metrics);
        Assert.Matches(@"(?m)^custody_ledger_size\{[^}]*\} [1-9]", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_FailsOnceTheLedgerNoLongerExtendsTheLastCheckpoint_LivenessDoesNot()
    {
        var auditor = await factory.BearerAsync(Roles.Auditor);
        (await auditor.PostAsync("/api/ledger/checkpoints", null)).EnsureSuccessStatusCode();
        var before = await factory.Anonymous().GetAsync("/health/ready");
        var beforeBody = await before.Content.ReadFromJsonAsync<JsonObject>();

        // Whoever runs the database cuts the last entries, and the stored subtrees with them.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
            var size = await db.LedgerCheckpoints.MaxAsync(c => c.Size);
            await db.LedgerEntries.Where(e => e.Seq > size - 3).ExecuteDeleteAsync();
            var nodes = await db.LedgerNodes.ToListAsync();
            db.LedgerNodes.RemoveRange(nodes.Where(n => (n.Index + 1) << n.Level > size - 3));
            await db.SaveChangesAsync();
        }
        var after = await factory.Anonymous().GetAsync("/health/ready");
        var afterBody = await after.Content.ReadFromJsonAsync<JsonObject>();
        var live = await factory.Anonymous().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("Healthy", beforeBody!["checks"]!["ledger"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", beforeBody["checks"]!["migrations"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("Unhealthy", afterBody!["checks"]!["ledger"]!["status"]!.GetValue<string>());
        Assert.Contains("entries were removed", afterBody["checks"]!["ledger"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task RequestLog_NamesTheRouteAndStatus_NeverThePersonsNameIdOrAddress()
    {
        string familyName, externalId, identifier;
        Guid id;
        using (var scope = factory.Services.CreateScope())
        {
            var person = await scope.ServiceProvider.GetRequiredService<CustodyDbContext>().People.AsNoTracking().OrderBy(p => p.ExternalId).FirstAsync();
            (familyName, externalId, id) = (person.FamilyName, person.ExternalId, person.Id);
            identifier = "A" + externalId;
        }
        var court = await factory.SignedInAsync(Roles.CourtUser);
        var anonymous = factory.Anonymous();
        anonymous.DefaultRequestHeaders.Add(TestClientAddress.Header, "203.0.113.77");
        factory.Lines.Clear();

        (await court.GetAsync($"/api/people?q={Uri.EscapeDataString(familyName)}")).EnsureSuccessStatusCode();
        (await court.GetAsync($"/api/people/{id}")).EnsureSuccessStatusCode();
        (await court.GetAsync($"/People/Details/{id}")).EnsureSuccessStatusCode();
        await anonymous.GetAsync($"/api/locator?identifier={identifier}&countryOfBirth=SV");

        var lines = factory.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("GET /api/people/{id:guid} answered 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GET /api/locator answered", StringComparison.Ordinal));
        Assert.All(lines, l =>
        {
            Assert.DoesNotContain(familyName, l, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(externalId, l, StringComparison.Ordinal);
            Assert.DoesNotContain(id.ToString(), l, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("203.0.113.77", l, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SecurityEvents_SignInsAndRefusals_AreLoggedWithWhoAndWhere_NeverThePassword()
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, "198.51.100.23");
        var email = Custody.Web.Infrastructure.DemoSeeder.EmailFor(Roles.EscortOfficer);
        factory.Lines.Clear();

        var wrong = await client.PostAsJsonAsync("/api/auth/token", new { email, password = "Not-The-Password-9!" });
        var right = await client.PostAsJsonAsync("/api/auth/token", new { email, password = CustodyWebFactory.Password });
        var token = (await right.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var unsigned = await client.GetAsync("/api/invoices/draft?agreement=us-sv-2025&month=2026-03");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var forbidden = await client.GetAsync("/api/invoices/draft?agreement=us-sv-2025&month=2026-03");
        var allowed = await client.GetAsync("/api/agreements");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var lines = factory.Lines.ToList();
        Assert.Contains(lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Failed sign-in for account #", StringComparison.Ordinal) && l.Contains("198.51.100.23", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Sign-in of account ", StringComparison.Ordinal) && l.Contains("198.51.100.23", StringComparison.Ordinal));
        var refusals = lines.Where(l => l.StartsWith("Warning Custody.Security: Refused", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusals, l => l.Contains("GET /api/invoices/draft with 401 for anonymous () from 198.51.100.23", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("GET /api/invoices/draft with 403 for account ", StringComparison.Ordinal) && l.Contains($"({Roles.EscortOfficer}) from 198.51.100.23", StringComparison.Ordinal));
        Assert.DoesNotContain(refusals, l => l.Contains("/api/agreements", StringComparison.Ordinal));
        Assert.All(lines, l =>
        {
            Assert.DoesNotContain("Not-The-Password-9!", l, StringComparison.Ordinal);
            Assert.DoesNotContain(CustodyWebFactory.Password, l, StringComparison.Ordinal);
            Assert.DoesNotContain(token, l, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void InProduction_TheLogIsJsonLines_WithUtcTimestamps()
    {
        using var production = new HttpsProductionFactory();
        using var testing = new CustodyWebFactory();

        var inProduction = production.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>().CurrentValue;
        var json = production.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>>().CurrentValue;
        var elsewhere = testing.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Json, inProduction.FormatterName);
        Assert.True(json.UseUtcTimestamp);
        Assert.NotNull(json.TimestampFormat);
        Assert.NotEqual(Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Json, elsewhere.FormatterName);
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
