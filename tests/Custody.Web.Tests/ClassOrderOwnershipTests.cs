using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>
/// Court records belong to courts (issue 11): a bundle may add a class order, and keep an imported
/// one current, but never change, narrow or lift one a court or legal reviewer entered or verified;
/// its differing copy is kept for legal review and reported. Own app: these orders cover nobody
/// elsewhere, but the counts of conflicts must be this class's.
/// </summary>
public abstract class ClassOrderOwnershipTests(CustodyWebFactory factory)
{
    private static StringContent Json(JsonNode json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");

    private static JsonObject Order(string id, string? liftedAt = null, string destination = "VE")
    {
        var order = new JsonObject
        {
            ["id"] = id, ["court"] = "US District Court", ["description"] = "No removals to Venezuela (test).", ["issuedAt"] = "2025-03-19T00:00:00Z",
            ["destinations"] = new JsonArray(destination),
        };
        if (liftedAt is not null)
        {
            order["liftedAt"] = liftedAt;
        }
        return order;
    }

    private static JsonObject Bundle(params JsonObject[] orders) =>
        new() { ["format"] = "custody.case-bundle/1", ["persons"] = new JsonArray(), ["classOrders"] = new JsonArray(orders.Select(o => (JsonNode)o.DeepClone()).ToArray()) };

    private async Task<long> LedgerSizeAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CustodyDbContext>().LedgerEntries.LongCountAsync();
    }

    private static async Task<JsonObject> OrderAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/class-orders"))!.Single(o => o!["id"]!.GetValue<string>() == id)!.AsObject();

    [Fact]
    public async Task Import_BundleLiftingACourtEnteredClassOrder_ChangesNothing_AndReportsTheConflictOnce()
    {
        var court = await factory.BearerAsync(Roles.CourtUser);
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        const string Id = "CO-OWN-COURT";
        Assert.Equal(HttpStatusCode.Created, (await court.PostAsync("/api/class-orders", Json(Order(Id)))).StatusCode);

        var imported = await officer.PostAsync("/api/imports", Json(Bundle(Order(Id, liftedAt: "2025-04-01T00:00:00Z"))));
        var summary = (await imported.Content.ReadFromJsonAsync<JsonObject>())!;
        var sizeAfterFirst = await LedgerSizeAsync();
        var again = (await (await officer.PostAsync("/api/imports", Json(Bundle(Order(Id, liftedAt: "2025-04-01T00:00:00Z"))))).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(0, summary["classOrdersUpdated"]!.GetValue<int>());
        Assert.Equal([Id], summary["classOrderConflicts"]!.AsArray().Select(c => c!.GetValue<string>()));
        var order = await OrderAsync(court, Id);
        Assert.Null(order["liftedAt"]);
        Assert.True(order["verified"]!.GetValue<bool>());
        var conflicts = (await court.GetFromJsonAsync<JsonArray>("/api/class-orders/conflicts"))!;
        var conflict = Assert.Single(conflicts, c => c!["classOrderId"]!.GetValue<string>() == Id)!;
        Assert.Equal("2025-04-01T00:00:00Z", conflict["copy"]!["liftedAt"]!.GetValue<string>());
        // The same differing copy again: reported, not recorded twice (and nothing else written).
        Assert.Equal([Id], again["classOrderConflicts"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(sizeAfterFirst, await LedgerSizeAsync());
        await TransferScenario.AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Import_ImportedClassOrder_FollowsTheBundleUntilACourtVerifiesIt_ThenNoBundleNarrowsIt()
    {
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        const string Id = "CO-OWN-IMPORTED";
        Assert.True((await officer.PostAsync("/api/imports", Json(Bundle(Order(Id))))).IsSuccessStatusCode);
        Assert.False((await OrderAsync(reviewer, Id))["verified"]!.GetValue<bool>());

        // The agency's own, unverified copy: the bundle keeps it current.
        var narrowed = (await (await officer.PostAsync("/api/imports", Json(Bundle(Order(Id, destination: "CO"))))).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, narrowed["classOrdersUpdated"]!.GetValue<int>());
        Assert.Equal("CO", (await OrderAsync(reviewer, Id))["order"]!["destinations"]![0]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsync($"/api/class-orders/{Id}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostAsync($"/api/class-orders/{Id}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/class-orders/{Id}/verify", null)).StatusCode);
        var refused = (await (await officer.PostAsync("/api/imports", Json(Bundle(Order(Id, destination: "VE"))))).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(0, refused["classOrdersUpdated"]!.GetValue<int>());
        Assert.Equal([Id], refused["classOrderConflicts"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("CO", (await OrderAsync(reviewer, Id))["order"]!["destinations"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ClassOrdersPage_ListsTheConflicts_AndOffersVerify()
    {
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var court = await factory.BearerAsync(Roles.CourtUser);
        const string Id = "CO-OWN-PAGE";
        Assert.Equal(HttpStatusCode.Created, (await court.PostAsync("/api/class-orders", Json(Order(Id)))).StatusCode);
        Assert.True((await officer.PostAsync("/api/imports", Json(Bundle(Order(Id, destination: "CO"))))).IsSuccessStatusCode);
        var reviewer = await factory.SignedInAsync(Roles.LegalReviewer);

        var page = await reviewer.GetStringAsync("/ClassOrders");

        Assert.Contains("class-order-conflicts", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"#{Id}\"", page, StringComparison.Ordinal);
    }
}

public sealed class ClassOrderOwnershipOnSqliteTests(CustodyWebFactory factory) : ClassOrderOwnershipTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class ClassOrderOwnershipOnPostgresTests(PostgresWebFactory factory) : ClassOrderOwnershipTests(factory), IClassFixture<PostgresWebFactory>;
