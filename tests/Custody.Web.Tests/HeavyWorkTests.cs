using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>
/// Work that grows with the register runs a few at a time (<see cref="HeavyWork"/>): one more waits
/// its turn, any more is answered 503 with Retry-After, and everything else goes on meanwhile.
/// </summary>
public sealed class HeavyWorkTests
{
    [Fact]
    public async Task WhileThePermitsAreTaken_OneHeavyRequestWaits_MoreAre503_AndLightWorkGoesOn()
    {
        using var factory = new CustodyWebFactory { HeavyRequests = (1, 1) };
        var auditor = await factory.BearerAsync(Roles.Auditor);
        var page = await factory.SignedInAsync(Roles.Auditor);
        var heavy = factory.Services.GetRequiredService<HeavyWork>();

        var held = heavy.Limiter.AttemptAcquire(1);
        var waiting = auditor.GetAsync("/api/screenings?agreement=us-sv-2025", TestContext.Current.CancellationToken);
        while (heavy.Limiter.GetStatistics()!.CurrentQueuedCount == 0 && !waiting.IsCompleted)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        var busy = await auditor.PostAsync("/api/ledger/verify", null);
        var busyPage = await page.GetAsync("/Screenings?agreement=us-sv-2025");
        var light = await auditor.GetAsync("/api/agreements");
        var anonymous = await factory.Anonymous().GetAsync("/api/screenings?agreement=us-sv-2025");
        var waitedBeforeRelease = waiting.IsCompleted;
        held.Dispose();
        var served = await waiting;
        var afterwards = await auditor.PostAsync("/api/ledger/verify", null);

        Assert.True(held.IsAcquired);
        Assert.False(waitedBeforeRelease);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("5", busy.Headers.RetryAfter!.ToString());
        Assert.Equal("Busy", (await busy.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busyPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, light.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public void TheWholeRegisterEndpoints_AreHeavy_AndThePublicLocatorIsNot()
    {
        using var factory = new CustodyWebFactory();
        factory.Anonymous(); // builds the host
        var heavy = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HeavyWorkAttribute>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "").ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "/api/imports", "/api/ledger/verify", "/api/screenings/", "/api/screenings/export.csv", "/api/invoices/draft",
            "/api/invoices/draft.{format:regex(^(csv|xlsx|pdf)$)}", "/api/invoices/reconciliation", "Imports", "Screenings", "Invoices", "Ledger",
        }, heavy);
        Assert.DoesNotContain("/api/locator", heavy);
        Assert.DoesNotContain("/api/agreements/", heavy);
    }
}
