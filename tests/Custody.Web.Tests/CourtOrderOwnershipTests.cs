using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Web.Auth;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// Court orders naming a person belong to courts too (issue 11, point 2): once an order is entered
/// in Custody, a re-imported bundle's copy of it can neither lift, narrow nor revive it. The
/// differing copy is kept for legal review — in the import's output, on the person's page and on
/// the class-orders page — and screening reads the court's record alone.
/// </summary>
public abstract class CourtOrderOwnershipTests(CustodyWebFactory factory)
{
    private const string Court = "US Court of Appeals for the Ninth Circuit";

    private static JsonObject Copy(string docket, string? liftedAt = null, string destination = "SV")
    {
        var order = new JsonObject
        {
            ["kind"] = "stay-of-removal", ["court"] = Court, ["docket"] = docket, ["issuedAt"] = "2025-03-15T16:52:00Z",
            ["verified"] = true, ["destinations"] = new JsonArray(destination),
        };
        if (liftedAt is not null)
        {
            order["liftedAt"] = liftedAt;
        }
        return order;
    }

    private static object Entered(string docket) =>
        new { kind = "stay-of-removal", court = Court, docket, issuedAt = "2025-03-15T09:52:00-07:00", destinations = new[] { "SV" }, verified = true };

    private static async Task<JsonObject> EnterAsync(HttpClient court, Guid person, string docket)
    {
        var response = await court.PostAsJsonAsync($"/api/people/{person}/court-orders", Entered(docket));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static StringContent BundleWith(string externalId, params JsonObject[] courtOrders)
    {
        var person = EligiblePerson(externalId);
        person["courtOrders"] = new JsonArray(courtOrders.Select(o => (JsonNode)o).ToArray());
        return new StringContent(Custody.Demo.EligiblePerson.Bundle([person]), Encoding.UTF8, "application/json");
    }

    private static async Task<JsonObject> ScreenAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/people/{id}/screening?agreement=us-sv-2025"))!;

    private static string[] Reasons(JsonObject decision) => decision["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Import_CopyLiftingACourtEnteredStay_IsKeptForReview_AndThePersonStaysBlocked()
    {
        var court = await factory.BearerAsync(Roles.CourtUser);
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var externalId = Unique("CO-LIFT");
        var id = (await ImportAsync(factory, EligiblePerson(externalId)))[0];
        var order = await EnterAsync(court, id, "25-0001");

        var imported = await officer.PostAsync("/api/imports", BundleWith(externalId, Copy("25-0001", liftedAt: "2025-04-01T00:00:00Z")));
        var summary = (await imported.Content.ReadFromJsonAsync<JsonObject>())!;
        var decision = await ScreenAsync(court, id);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, summary["peopleUpdated"]!.GetValue<int>());
        Assert.Equal([$"{externalId}: court order {order["id"]}"], summary["courtOrderConflicts"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["court-order-blocks-removal"], Reasons(decision));
        Assert.Equal($"courtOrder:{order["id"]}", decision["causes"]![0]!["fact"]!.GetValue<string>());
        var orders = (await court.GetFromJsonAsync<JsonArray>($"/api/people/{id}/court-orders"))!;
        var kept = Assert.Single(orders)!;
        Assert.Null(kept["liftedAt"]);
        Assert.Equal("2025-04-01T00:00:00Z", Assert.Single(kept["differingCopies"]!.AsArray())!["copy"]!["liftedAt"]!.GetValue<string>());
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Import_StaleActiveCopyOfALiftedStay_DoesNotRevive_ItAndTheSameCopyIsRecordedOnce()
    {
        var court = await factory.BearerAsync(Roles.CourtUser);
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var externalId = Unique("CO-REVIVE");
        var id = (await ImportAsync(factory, EligiblePerson(externalId)))[0];
        var order = await EnterAsync(court, id, "25-0002");
        await OkAsync(court.PostAsJsonAsync($"/api/court-orders/{order["id"]}/lift", new { }));

        var first = (await (await officer.PostAsync("/api/imports", BundleWith(externalId, Copy("25-0002")))).Content.ReadFromJsonAsync<JsonObject>())!;
        var decision = await ScreenAsync(court, id);
        var again = (await (await officer.PostAsync("/api/imports", BundleWith(externalId, Copy("25-0002")))).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Single(first["courtOrderConflicts"]!.AsArray());
        Assert.Equal("eligible", decision["outcome"]!.GetValue<string>());
        // Unchanged the second time, still reported, and not recorded twice.
        Assert.Equal(1, again["peopleUnchanged"]!.GetValue<int>());
        Assert.Single(again["courtOrderConflicts"]!.AsArray());
        var kept = Assert.Single((await court.GetFromJsonAsync<JsonArray>($"/api/people/{id}/court-orders"))!)!;
        Assert.Single(kept["differingCopies"]!.AsArray());
    }

    [Fact]
    public async Task Import_IdenticalCopy_IsNoConflict_AndADifferentOrderInTheBundleStillBlocks()
    {
        var court = await factory.BearerAsync(Roles.CourtUser);
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var externalId = Unique("CO-SAME");
        var id = (await ImportAsync(factory, EligiblePerson(externalId)))[0];
        var order = await EnterAsync(court, id, "25-0003");
        await OkAsync(court.PostAsJsonAsync($"/api/court-orders/{order["id"]}/lift", new { liftedAt = "2025-04-01T00:00:00Z" }));

        // The bundle knows the lift (same copy), and carries another court's order the register lacks.
        var other = Copy("25-9999");
        other["court"] = "US District Court";
        var summary = (await (await officer.PostAsync("/api/imports", BundleWith(externalId, Copy("25-0003", liftedAt: "2025-04-01T00:00:00Z"), other)))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        var decision = await ScreenAsync(court, id);

        Assert.Empty(summary["courtOrderConflicts"]!.AsArray());
        Assert.Equal(["court-order-blocks-removal"], Reasons(decision));
        Assert.Equal("/courtOrders/1", decision["causes"]![0]!["fact"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pages_ShowTheDifferingCopy_OnThePersonAndTheClassOrdersPage()
    {
        var court = await factory.BearerAsync(Roles.CourtUser);
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var externalId = Unique("CO-PAGE");
        var id = (await ImportAsync(factory, EligiblePerson(externalId)))[0];
        var order = await EnterAsync(court, id, "25-0004");
        Assert.True((await officer.PostAsync("/api/imports", BundleWith(externalId, Copy("25-0004", destination: "GT")))).IsSuccessStatusCode);
        var reviewer = await factory.SignedInAsync(Roles.LegalReviewer);

        var person = await reviewer.GetStringAsync($"/People/Details/{id}");
        var classOrders = await reviewer.GetStringAsync("/ClassOrders");

        Assert.Contains($"data-copy-of=\"{order["id"]}\"", person, StringComparison.Ordinal);
        Assert.Contains("court-order-conflicts", classOrders, StringComparison.Ordinal);
        Assert.Contains($"/People/Details/{id}#entered-court-orders", classOrders, StringComparison.Ordinal);
    }
}

public sealed class CourtOrderOwnershipOnSqliteTests(CustodyWebFactory factory) : CourtOrderOwnershipTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class CourtOrderOwnershipOnPostgresTests(PostgresWebFactory factory) : CourtOrderOwnershipTests(factory), IClassFixture<PostgresWebFactory>;
