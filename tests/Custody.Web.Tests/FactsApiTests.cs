using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

public sealed class FactsApiTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private static async Task<string[]> ReasonsAsync(HttpClient client, Guid id, DateTimeOffset? at = null)
    {
        var query = at is { } t ? "&at=" + Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)) : "";
        var decision = await client.GetFromJsonAsync<JsonObject>($"/api/people/{id}/screening?agreement=us-sv-2025{query}");
        return decision!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task FearClaim_RaisedScheduledDecided_ChangesScreeningAtEachStep()
    {
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var id = await factory.PersonIdAsync("S-0001");
        Assert.Empty(await ReasonsAsync(reviewer, id));

        var raised = await reviewer.PostAsJsonAsync($"/api/people/{id}/fear-claims", new { country = "SV" });
        var factId = (await BodyAsync(raised))["fact"]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        Assert.Equal(["fear-claim-pending"], await ReasonsAsync(reviewer, id));

        var soon = DateTimeOffset.UtcNow.AddHours(24).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var scheduled = await BodyAsync(await reviewer.PostAsJsonAsync($"/api/facts/{factId}/interview", new { interviewAt = soon }));
        Assert.Contains("72 hours", scheduled["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var decided = await reviewer.PostAsJsonAsync($"/api/facts/{factId}/decision", new { decision = "negative" });
        var decidedAt = DateTimeOffset.Parse((await BodyAsync(decided))["fact"]!["fact"]!["decidedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(["reopen-window-open"], await ReasonsAsync(reviewer, id));
        Assert.Equal(["reopen-window-open"], await ReasonsAsync(reviewer, id, decidedAt.AddDays(15).AddSeconds(-1)));
        Assert.Empty(await ReasonsAsync(reviewer, id, decidedAt.AddDays(15).AddSeconds(1)));
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostAsJsonAsync($"/api/facts/{factId}/decision", new { decision = "positive" })).StatusCode);
    }

    [Fact]
    public async Task Notice_InALanguageThePersonDoesNotSpeak_IsRefused_AndCounselNotServedIsWarned()
    {
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var venezuelan = await factory.PersonIdAsync("S-0003");
        var represented = await factory.PersonIdAsync("S-0002");
        var served = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var english = await officer.PostAsJsonAsync($"/api/people/{venezuelan}/notices", new { country = "SV", servedAt = served, servedOn = new[] { "person" }, language = "en" });
        var spanish = await officer.PostAsJsonAsync($"/api/people/{venezuelan}/notices", new { country = "SV", servedAt = served, servedOn = new[] { "person" }, language = "es" });
        var withoutCounsel = await officer.PostAsJsonAsync($"/api/people/{represented}/notices", new { country = "SV", servedAt = served, servedOn = new[] { "person" }, language = "es" });

        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.True((await BodyAsync(english))["errors"]!.AsObject().ContainsKey("language"));
        Assert.Equal(HttpStatusCode.Created, spanish.StatusCode);
        Assert.Empty((await BodyAsync(spanish))["warnings"]!.AsArray());
        // (the demo register's class order for Venezuelans blocks too; the notice adds its own reason)
        var reasons = await ReasonsAsync(officer, venezuelan);
        Assert.Contains("third-country-notice-period-running", reasons);
        Assert.DoesNotContain("third-country-notice-missing", reasons);
        Assert.Equal(HttpStatusCode.Created, withoutCounsel.StatusCode);
        Assert.Contains("counsel of record", (await BodyAsync(withoutCounsel))["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProtectionAndProceeding_ReportedThenDecided()
    {
        var counsel = await factory.BearerAsync(Roles.Counsel);
        var court = await factory.BearerAsync(Roles.CourtUser);
        var client = await factory.PersonIdAsync("S-0002");
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var id = await factory.PersonIdAsync("S-0004");

        var protection = await officer.PostAsJsonAsync($"/api/people/{id}/protections", new { kind = "cat-deferral", countries = new[] { "SV" } });
        var protectionId = (await BodyAsync(protection))["fact"]!["id"]!.GetValue<string>();
        Assert.Contains("protection-claim-pending", await ReasonsAsync(officer, id));
        Assert.Equal(HttpStatusCode.OK, (await court.PostAsJsonAsync($"/api/facts/{protectionId}/decision", new { decision = "granted" })).StatusCode);
        var granted = await ReasonsAsync(officer, id);
        Assert.Contains("protection-covers-destination", granted);
        Assert.DoesNotContain("protection-claim-pending", granted);
        Assert.Equal(HttpStatusCode.Conflict, (await court.PostAsJsonAsync($"/api/facts/{protectionId}/decision", new { decision = "granted" })).StatusCode);

        var habeas = await counsel.PostAsJsonAsync($"/api/people/{client}/proceedings", new { kind = "habeas", court = "D. Md.", docket = "8:25-cv-00951" });
        var habeasId = (await BodyAsync(habeas))["fact"]!["id"]!.GetValue<string>();
        Assert.Contains("proceeding-pending", await ReasonsAsync(officer, client));
        Assert.Equal(HttpStatusCode.Forbidden, (await counsel.PostAsJsonAsync($"/api/facts/{habeasId}/decision", new { decision = "withdrawn" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await court.PostAsJsonAsync($"/api/facts/{habeasId}/decision", new { decision = "withdrawn" })).StatusCode);
        Assert.DoesNotContain("proceeding-pending", await ReasonsAsync(officer, client));

        var auditor = await factory.BearerAsync(Roles.Auditor);
        Assert.True((await BodyAsync(await auditor.PostAsync("/api/ledger/verify", null)))["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Protection_EndingOnOrBeforeItsStart_IsRefused()
    {
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var id = await factory.PersonIdAsync("S-0001");

        var response = await officer.PostAsJsonAsync($"/api/people/{id}/protections",
            new { kind = "asylum", countries = new[] { "SV" }, effectiveFrom = "2025-03-01", effectiveUntil = "2025-03-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyAsync(response))["errors"]!.AsObject().ContainsKey("effectiveUntil"));
    }

    [Fact]
    public async Task Facts_NotTheFormat_Answer400NamingTheField()
    {
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var id = await factory.PersonIdAsync("S-0005");

        var lowerCase = await officer.PostAsJsonAsync($"/api/people/{id}/fear-claims", new { country = "sv" });
        var kind = await officer.PostAsJsonAsync($"/api/people/{id}/proceedings", new { kind = "petition" });
        var decision = await (await factory.BearerAsync(Roles.CourtUser)).PostAsJsonAsync($"/api/facts/{Guid.NewGuid()}/decision", new { decision = "granted" });

        Assert.True((await BodyAsync(lowerCase))["errors"]!.AsObject().ContainsKey("country"));
        Assert.True((await BodyAsync(kind))["errors"]!.AsObject().ContainsKey("kind"));
        Assert.Equal(HttpStatusCode.NotFound, decision.StatusCode);
    }
}

public sealed class CitizenshipAndDesignationTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private static async Task<string[]> ReasonsAsync(HttpClient client, Guid id, string at = "2025-03-20T12:00:00Z") =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/people/{id}/screening?agreement=us-sv-2025&at={at}"))!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();

    [Fact]
    public async Task CitizenshipClaim_AssertedThenRejected_StopsBlocking()
    {
        var counsel = await factory.BearerAsync(Roles.Counsel);
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var client = await factory.PersonIdAsync("S-0002");

        var asserted = await counsel.PostAsJsonAsync($"/api/people/{client}/citizenship-claims", new { country = "US", basis = "born in Texas (claimed)" });
        var twice = await counsel.PostAsJsonAsync($"/api/people/{client}/citizenship-claims", new { country = "US" });
        Assert.Equal(HttpStatusCode.Created, asserted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("citizenship-claim-unresolved", await ReasonsAsync(reviewer, client));

        var rejected = await reviewer.PostAsJsonAsync($"/api/people/{client}/citizenship-claims/resolve", new { country = "US", status = "rejected", basis = "no record found" });
        Assert.Equal(HttpStatusCode.Created, rejected.StatusCode);
        Assert.DoesNotContain("citizenship-claim-unresolved", await ReasonsAsync(reviewer, client));
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostAsJsonAsync($"/api/people/{client}/citizenship-claims/resolve", new { country = "US", status = "verified" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsJsonAsync($"/api/people/{client}/citizenship-claims/resolve", new { country = "MX", status = "verified" })).StatusCode);
    }

    [Fact]
    public async Task Designation_ValidatedOnlyByEvidenceThatValidatesAndASecondDifferentReviewer()
    {
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var id = await factory.PersonIdAsync("S-0003");
        var status = (await officer.GetFromJsonAsync<JsonArray>($"/api/people/{id}/designations"))![0]!;
        Assert.False(status["validated"]!.GetValue<bool>());
        Assert.Equal(2, status["missing"]!.AsArray().Count);

        await officer.PostAsJsonAsync($"/api/people/{id}/designations/evidence", new { group = "Tren de Aragua", kind = "social-media", source = "post" });
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/people/{id}/designations/review", new { group = "Tren de Aragua" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/people/{id}/designations/review", new { group = "Tren de Aragua" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await reviewer.PostAsJsonAsync($"/api/people/{id}/designations/review", new { group = "Tren de Aragua" })).StatusCode);
        var stillUnvalidated = (await officer.GetFromJsonAsync<JsonArray>($"/api/people/{id}/designations"))![0]!;
        Assert.False(stillUnvalidated["validated"]!.GetValue<bool>());
        Assert.Single(stillUnvalidated["missing"]!.AsArray());
        Assert.Contains("no-enacted-category", await ReasonsAsync(officer, id));

        await reviewer.PostAsJsonAsync($"/api/people/{id}/designations/evidence", new { group = "Tren de Aragua", kind = "court-finding", date = "2024-11-01" });
        var validated = (await officer.GetFromJsonAsync<JsonArray>($"/api/people/{id}/designations"))!;
        Assert.Single(validated);
        Assert.True(validated[0]!["validated"]!.GetValue<bool>());
        Assert.DoesNotContain("no-enacted-category", await ReasonsAsync(officer, id));
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/people/{id}/designations/evidence", new { group = "Tren de Aragua", kind = "rumour" })).StatusCode);
    }
}
