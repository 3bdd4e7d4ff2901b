using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Web.Auth;

namespace Custody.Web.Tests;

public sealed class ClassOrderApiTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task ClassOrderEnteredThroughTheApi_BlocksScreeningOfEveryoneItCovers_UntilLifted()
    {
        var court = await factory.BearerAsync(Roles.CourtUser);
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var at = "2025-03-20T12:00:00Z";
        var before = (await supervisor.GetFromJsonAsync<JsonObject>($"/api/screenings?agreement=us-sv-2025&at={at}&reason=class-order-blocks-removal"))!["matching"]!.GetValue<int>();

        var entered = await court.PostAsync("/api/class-orders", Json("""
            {"id": "CO-TEST-SV", "court": "US District Court", "description": "No removal of Salvadoran nationals to El Salvador (test).",
             "issuedAt": "2025-03-19T00:00:00Z", "nationalities": ["SV"], "destinations": ["SV"]}
            """));
        var during = (await supervisor.GetFromJsonAsync<JsonObject>($"/api/screenings?agreement=us-sv-2025&at={at}&reason=class-order-blocks-removal"))!;
        var lifted = await court.PostAsJsonAsync("/api/class-orders/CO-TEST-SV/lift", new { liftedAt = "2025-03-20T11:00:00Z" });
        var after = (await supervisor.GetFromJsonAsync<JsonObject>($"/api/screenings?agreement=us-sv-2025&at={at}&reason=class-order-blocks-removal"))!["matching"]!.GetValue<int>();

        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        Assert.True(during["matching"]!.GetValue<int>() > before);
        Assert.Contains(during["items"]!.AsArray(), i => i!["decision"]!["person"]!.GetValue<string>() == "S-0001");
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task EnterClassOrder_NotTheFormatOrTakenId_IsRefusedNamingWhy()
    {
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);

        var noPredicate = await reviewer.PostAsync("/api/class-orders", Json("""{"id": "CO-X", "court": "c", "description": "d", "issuedAt": "2025-03-19T00:00:00Z"}"""));
        var taken = await reviewer.PostAsync("/api/class-orders", Json("""{"id": "CO-1", "court": "c", "description": "d", "issuedAt": "2025-03-19T00:00:00Z", "thirdCountryOnly": true}"""));
        var counsel = await (await factory.BearerAsync(Roles.Counsel)).PostAsync("/api/class-orders", Json("""{"id": "CO-Y", "court": "c", "description": "d", "issuedAt": "2025-03-19T00:00:00Z", "thirdCountryOnly": true}"""));

        Assert.Equal(HttpStatusCode.BadRequest, noPredicate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, counsel.StatusCode);
    }
}
