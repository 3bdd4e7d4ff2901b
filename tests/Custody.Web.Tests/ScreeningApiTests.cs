using Custody.Web.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

public sealed class ScreeningApiTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private const string SampleInstant = "2025-03-20T12:00:00Z";

    [Fact]
    public async Task ScreenPerson_ProtectedPerson_IsBlockedWithTheFactBehindIt()
    {
        var client = await factory.BearerAsync(Roles.LegalReviewer);

        var decision = await client.GetFromJsonAsync<JsonObject>($"/api/people/{await factory.PersonIdAsync("S-0002")}/screening?agreement=us-sv-2025&at={SampleInstant}");

        Assert.Equal("blocked", decision!["outcome"]!.GetValue<string>());
        Assert.Equal(["protection-covers-destination"], decision["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("/protections/0", decision["causes"]![0]!["fact"]!.GetValue<string>());
        Assert.Equal(2, decision["agreementVersion"]!.GetValue<int>());
        Assert.Equal("us-sv-2025", decision["agreement"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScreenPerson_BadInstantOrUnknownAgreement_AnswersWithTheProblem()
    {
        var client = await factory.BearerAsync(Roles.CaseOfficer);
        var id = await factory.PersonIdAsync("S-0001");

        var badInstant = await client.GetAsync($"/api/people/{id}/screening?at=yesterday");
        var unknown = await client.GetAsync($"/api/people/{id}/screening?agreement=nope");

        Assert.Equal(HttpStatusCode.BadRequest, badInstant.StatusCode);
        Assert.True((await badInstant.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("at"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ScreenRegister_CountsByReasonAndFilters()
    {
        var client = await factory.BearerAsync(Roles.TransferSupervisor);

        var all = await client.GetFromJsonAsync<JsonObject>($"/api/screenings?agreement=us-sv-2025&at={SampleInstant}");
        var protectedOnes = await client.GetFromJsonAsync<JsonObject>($"/api/screenings?agreement=us-sv-2025&at={SampleInstant}&reason=protection-covers-destination");

        Assert.Equal(DemoSeeder.DemoPeople, all!["screened"]!.GetValue<int>());
        Assert.Equal(DemoSeeder.DemoPeople, all["eligible"]!.GetValue<int>() + all["blocked"]!.GetValue<int>());
        var count = all["byReason"]!["protection-covers-destination"]!.GetValue<int>();
        Assert.True(count >= 1);
        Assert.Equal(count, protectedOnes!["matching"]!.GetValue<int>());
        Assert.All(protectedOnes["items"]!.AsArray(), i => Assert.Contains("protection-covers-destination", i!["decision"]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>())));
    }

    [Fact]
    public async Task ScreenRegister_CsvExport_HasAHeaderAndARowPerPerson()
    {
        var client = await factory.BearerAsync(Roles.Auditor);

        var response = await client.GetAsync($"/api/screenings/export.csv?agreement=us-sv-2025&at={SampleInstant}");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("person,outcome,reasons,flags,categories,agreement,version,destination,at", lines[0]);
        Assert.Equal(DemoSeeder.DemoPeople + 1, lines.Length);
        Assert.Contains("S-0001,eligible,,,sv-nationals convicted,us-sv-2025,2,SV,2025-03-20T12:00:00Z", lines);
    }

    [Theory]
    [InlineData("outcome=maybe", "outcome")]
    [InlineData("reason=tattoo", "reason")]
    [InlineData("at=2025-03-20", "at")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task ScreenRegister_InvalidQuery_Answers400NamingTheField(string query, string field)
    {
        var client = await factory.BearerAsync(Roles.CaseOfficer);

        var response = await client.GetAsync($"/api/screenings?agreement=us-sv-2025&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task ScreenRegister_NeedsItsPolicy_ButCounselMayScreenTheirClient()
    {
        var counsel = await factory.BearerAsync(Roles.Counsel);
        var finance = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);

        Assert.Equal(HttpStatusCode.Forbidden, (await counsel.GetAsync("/api/screenings?agreement=us-sv-2025")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync("/api/screenings?agreement=us-sv-2025")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await counsel.GetAsync($"/api/people/{await factory.PersonIdAsync("S-0002")}/screening")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await counsel.GetAsync($"/api/people/{await factory.PersonIdAsync("S-0001")}/screening")).StatusCode);
    }

    [Fact]
    public async Task ScreeningPages_ShowTheDecisionInWords()
    {
        var client = await factory.SignedInAsync(Roles.CourtUser);

        var person = await client.GetStringAsync($"/People/Details/{await factory.PersonIdAsync("S-0003")}?agreement=us-sv-2025&at={SampleInstant}");
        var register = await client.GetStringAsync($"/Screenings?agreement=us-sv-2025&at={SampleInstant}");

        Assert.Contains("The destination is a third country and no notice of removal there has been served.", person, StringComparison.Ordinal);
        Assert.Contains("href=\"#fact-notices\"", person, StringComparison.Ordinal);
        Assert.Contains($"{DemoSeeder.DemoPeople} screened", register, StringComparison.Ordinal);
    }
}
