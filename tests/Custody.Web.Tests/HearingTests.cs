using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Web.Auth;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>The judicial process in the register (issue 12, point 4): hearings with their court and date; counsel's presence and the outcome once held, never before nor twice.</summary>
public abstract class HearingTests(CustodyWebFactory factory)
{
    [Fact]
    public async Task Hearing_ScheduledThenHeld_WithCounselAndOutcome_NotBeforeItsDateNorTwice()
    {
        var court = await factory.BearerAsync(Roles.CourtUser);
        var person = (await ImportAsync(factory, EligiblePerson(Unique("HEAR"))))[0];

        var invalid = await court.PostAsJsonAsync($"/api/people/{person}/hearings", new { court = "Juzgado 2", at = "tomorrow" });
        var past = await OkAsync(court.PostAsJsonAsync($"/api/people/{person}/hearings", new { court = "Juzgado 2", at = Now(-120), purpose = "Detention review", docket = "DR-9" }));
        var future = await OkAsync(court.PostAsJsonAsync($"/api/people/{person}/hearings", new { court = "Juzgado 2", at = Now(60 * 24), purpose = "Merits" }));
        var tooEarly = await court.PostAsJsonAsync($"/api/hearings/{future["id"]}/outcome", new { counselPresent = true, outcome = "x" });
        var held = await OkAsync(court.PostAsJsonAsync($"/api/hearings/{past["id"]}/outcome", new { counselPresent = false, outcome = "Detention upheld; counsel to be appointed" }));
        var twice = await court.PostAsJsonAsync($"/api/hearings/{past["id"]}/outcome", new { counselPresent = true, outcome = "x" });
        var list = (await court.GetFromJsonAsync<JsonArray>($"/api/people/{person}/hearings"))!;
        var page = await (await factory.SignedInAsync(Roles.LegalReviewer)).GetStringAsync($"/People/Hearings/{person}");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var fields = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("at", fields);
        Assert.Contains("purpose", fields);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.False(held["counselPresent"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(2, list.Count);
        Assert.Contains("Detention upheld", page, StringComparison.Ordinal);
        await AssertLedgerVerifiesAsync(factory);
    }
}

public sealed class HearingOnSqliteTests(CustodyWebFactory factory) : HearingTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class HearingOnPostgresTests(PostgresWebFactory factory) : HearingTests(factory), IClassFixture<PostgresWebFactory>;
