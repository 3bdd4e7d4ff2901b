using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

public sealed class CourtOrderApiTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private static async Task<JsonObject> ScreenAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/people/{id}/screening?agreement=us-sv-2025"))!;

    private static string[] Reasons(JsonObject decision) => decision["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();

    private static object Order(string issuedAt = "2025-03-15T09:52:00-07:00") => new
    {
        kind = "stay-of-removal",
        court = "US Court of Appeals for the Ninth Circuit",
        docket = "25-1234",
        issuedAt,
        destinations = new[] { "SV" },
        documentReference = "ecf://ca9/25-1234/12",
    };

    [Fact]
    public async Task CourtOrderEnteredThroughTheApi_BlocksScreeningInTheSameRequestCycle_UntilLifted()
    {
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var court = await factory.BearerAsync(Roles.CourtUser);
        var id = await factory.PersonIdAsync("S-0001");
        Assert.Equal("eligible", (await ScreenAsync(reviewer, id))["outcome"]!.GetValue<string>());

        var entered = await reviewer.PostAsJsonAsync($"/api/people/{id}/court-orders", Order());
        var order = (await entered.Content.ReadFromJsonAsync<JsonObject>())!;
        var unverified = await ScreenAsync(reviewer, id);

        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        Assert.Equal($"/api/court-orders/{order["id"]}", entered.Headers.Location!.OriginalString);
        Assert.Equal(["court-order-unverified"], Reasons(unverified));
        Assert.Equal($"courtOrder:{order["id"]}", unverified["causes"]![0]!["fact"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await court.PostAsync($"/api/court-orders/{order["id"]}/verify", null)).StatusCode);
        Assert.Equal(["court-order-blocks-removal"], Reasons(await ScreenAsync(reviewer, id)));

        Assert.Equal(HttpStatusCode.OK, (await court.PostAsJsonAsync($"/api/court-orders/{order["id"]}/lift", new { })).StatusCode);
        Assert.Equal("eligible", (await ScreenAsync(reviewer, id))["outcome"]!.GetValue<string>());
        var auditor = await factory.BearerAsync(Roles.Auditor);
        Assert.True((await (await auditor.PostAsync("/api/ledger/verify", null)).Content.ReadFromJsonAsync<JsonObject>())!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Counsel_ReportsAnOrderForAClient_EnteredUnverified_ButNotForOthers()
    {
        var counsel = await factory.BearerAsync(Roles.Counsel);
        var client = await factory.PersonIdAsync("S-0002");
        var stranger = await factory.PersonIdAsync("S-0004");

        var asVerified = await counsel.PostAsJsonAsync($"/api/people/{client}/court-orders", new { kind = "stay-of-removal", court = "c", issuedAt = "2025-03-15T09:52:00Z", verified = true });
        var reported = await counsel.PostAsJsonAsync($"/api/people/{client}/court-orders", Order());
        var forStranger = await counsel.PostAsJsonAsync($"/api/people/{stranger}/court-orders", Order());

        Assert.Equal(HttpStatusCode.BadRequest, asVerified.StatusCode);
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        Assert.False((await reported.Content.ReadFromJsonAsync<JsonObject>())!["verified"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, forStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await counsel.PostAsync($"/api/court-orders/{Guid.NewGuid()}/verify", null)).StatusCode);
    }

    [Fact]
    public async Task EnterCourtOrder_InvalidFields_Answers400NamingEachAndWritesNothing()
    {
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var id = await factory.PersonIdAsync("S-0003");
        using var scope = factory.Services.CreateScope();
        var before = await scope.ServiceProvider.GetRequiredService<CustodyDbContext>().LedgerEntries.CountAsync();

        var response = await reviewer.PostAsJsonAsync($"/api/people/{id}/court-orders", new
        {
            kind = "writ",
            court = "",
            issuedAt = "2999-01-01T00:00:00Z",
            expiresAt = "2025-01-01",
            destinations = new[] { "sv", "SV" },
        });
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["court", "destinations[0]", "expiresAt", "issuedAt", "kind"], problem["errors"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<CustodyDbContext>().LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task VerifyOrLiftTwice_SecondIsAConflict_AndUnknownOrdersAreNotFound()
    {
        var court = await factory.BearerAsync(Roles.CourtUser);
        var id = await factory.PersonIdAsync("S-0004");
        var order = (await (await court.PostAsJsonAsync($"/api/people/{id}/court-orders", Order())).Content.ReadFromJsonAsync<JsonObject>())!;

        var first = await court.PostAsync($"/api/court-orders/{order["id"]}/verify", null);
        var second = await court.PostAsync($"/api/court-orders/{order["id"]}/verify", null);
        var lifted = await court.PostAsJsonAsync($"/api/court-orders/{order["id"]}/lift", new { liftedAt = "2025-03-16T00:00:00Z" });
        var again = await court.PostAsJsonAsync($"/api/court-orders/{order["id"]}/lift", new { });
        var unknown = await court.PostAsync($"/api/court-orders/{Guid.NewGuid()}/verify", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ConcurrentVerifications_ExactlyOneSucceeds()
    {
        var court = await factory.BearerAsync(Roles.CourtUser);
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var id = await factory.PersonIdAsync("S-0005");
        var order = (await (await reviewer.PostAsJsonAsync($"/api/people/{id}/court-orders", Order())).Content.ReadFromJsonAsync<JsonObject>())!;

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? court : reviewer).PostAsync($"/api/court-orders/{order["id"]}/verify", null)));

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }
}

public sealed class MalformedRequestTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public async Task MalformedJsonBody_Answers400ProblemDetails_AndWritesNothing()
    {
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
        var id = await db.People.Select(p => p.Id).FirstAsync();
        var before = await db.LedgerEntries.CountAsync();

        var response = await reviewer.PostAsync($"/api/people/{id}/court-orders", new StringContent("{\"kind\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await db.LedgerEntries.CountAsync());
    }
}
