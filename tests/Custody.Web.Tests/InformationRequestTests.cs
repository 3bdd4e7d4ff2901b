using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Demo;
using Custody.Facilities;
using Custody.InformationRequests;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.Extensions.DependencyInjection;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// Relatives' requests for art. 18 information (issue 12, point 1): filed without an account, read
/// through a capability link, answered by the custodian within the deadline, overdue and escalated
/// when not; counsel of record get their client's information at once.
/// </summary>
public sealed class InformationRequestTests(DeadlineWebFactory factory) : IClassFixture<DeadlineWebFactory>
{
    private async Task<(Guid Id, string ExternalId)> AdmittedAsync(string prefix)
    {
        var person = EligiblePerson(Unique(prefix), "Reo", prefix);
        var ids = await ImportAsync(factory, person);
        using (var scope = factory.Services.CreateScope())
        {
            await DemoMovement.HandOverAsync(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), factory.Time, "us-sv-2025", "us-processing-centre", "sv-cecot",
                [(ids[0], person["id"]!.GetValue<string>())]);
        }
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register = FullRegister }));
        return (ids[0], person["id"]!.GetValue<string>());
    }

    private static object Request(string identifier) => new
    {
        requesterName = "María Pérez", relationship = "mother", contact = "+503 7000 0000", language = "es", identifier = "A" + identifier, countryOfBirth = "SV",
    };

    private static async Task<JsonObject> FileAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/information-requests", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string Token(JsonObject filed) => filed["statusPath"]!.GetValue<string>()["/Requests/Status/".Length..];

    [Fact]
    public async Task Relative_FilesWithoutAnAccount_ReadsTheAnswerThroughTheLink_AndAWrongLinkIs404()
    {
        var (_, externalId) = await AdmittedAsync("IR-OK");
        var anonymous = factory.Anonymous();
        var filed = await FileAsync(anonymous, Request(externalId));
        var nobody = await FileAsync(anonymous, Request("NOBODY-" + Guid.NewGuid().ToString("N")[..8]));
        var waiting = await OkAsync(anonymous.GetAsync($"/api/information-requests/status/{Token(filed)}"));
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var open = (await reception.GetFromJsonAsync<JsonArray>("/api/information-requests"))!;
        var id = open.Single(r => r!["reference"]!.GetValue<string>() == filed["reference"]!.GetValue<string>())!["id"]!.GetValue<string>();

        await OkAsync(reception.PostAsync($"/api/information-requests/{id}/answer", null));
        var again = await reception.PostAsync($"/api/information-requests/{id}/answer", null);
        var answered = await OkAsync(anonymous.GetAsync($"/api/information-requests/status/{Token(filed)}"));
        var page = await anonymous.GetStringAsync(filed["statusPath"]!.GetValue<string>());

        // Filing says nothing about whether the person exists: the same shape for someone held and for nobody.
        Assert.Equal(filed.Select(p => p.Key).Order(), nobody.Select(p => p.Key).Order());
        Assert.Equal("open", waiting["status"]!.GetValue<string>());
        Assert.Null(waiting["requesterName"]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("answered", answered["status"]!.GetValue<string>());
        Assert.Equal("SV", answered["answer"]!["custodian"]!.GetValue<string>());
        Assert.Contains("Centro de Confinamiento", answered["answer"]!["whereabouts"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("answer-information", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/information-requests/status/not-the-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Requests/Status/not-the-secret")).StatusCode);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Unanswered_TurnsOverdueAtTheDeadline_IsListedAndEscalated_AndTheLinkExpires()
    {
        var (_, externalId) = await AdmittedAsync("IR-LATE");
        var anonymous = factory.Anonymous();
        var filed = await FileAsync(anonymous, Request(externalId));
        var dueAt = filed["dueAt"]!.GetValue<DateTime>().ToUniversalTime();

        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime.AddHours(48), dueAt, TimeSpan.FromSeconds(2));
        factory.Time.Advance(TimeSpan.FromHours(49));
        using (var scope = factory.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<RecordInformationRequestsOverdue>().HandleAsync("test:deadlines") >= 1);
        }
        var inspector = await factory.BearerAsync(Roles.Inspector);
        var overdue = (await inspector.GetFromJsonAsync<JsonArray>("/api/information-requests?overdue=true"))!;
        var request = Assert.Single(overdue, r => r!["reference"]!.GetValue<string>() == filed["reference"]!.GetValue<string>())!;
        var notices = (await (await factory.BearerAsync(Roles.FacilityDirector)).GetFromJsonAsync<JsonArray>("/api/notifications"))!;
        var status = await OkAsync(anonymous.GetAsync($"/api/information-requests/status/{Token(filed)}"));
        factory.Time.Advance(TimeSpan.FromDays(90));
        var expired = await anonymous.GetAsync($"/api/information-requests/status/{Token(filed)}");

        Assert.True(request["overdue"]!.GetValue<bool>());
        Assert.Contains(notices, n => n!["kind"]!.GetValue<string>() == "information-request-overdue"
            && n["body"]!.GetValue<string>().Contains(filed["reference"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.True(status["overdue"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task CounselOfRecord_FilingForAClient_GetsTheInformationAtOnce()
    {
        var (_, externalId) = await AdmittedAsync("IR-COUNSEL");
        var counsel = await factory.BearerAsync(Roles.Counsel);

        var filed = await FileAsync(counsel, Request(externalId));
        var status = await OkAsync(factory.Anonymous().GetAsync($"/api/information-requests/status/{Token(filed)}"));

        Assert.Equal("answered", status["status"]!.GetValue<string>());
        Assert.Equal("SV", status["answer"]!["custodian"]!.GetValue<string>());
    }

    [Fact]
    public async Task SeveralPeopleMatching_GetARequestForAnIdentifier_AndSomeoneRegisteredAfterFiling_IsFoundWhenAnswered()
    {
        var family = "Gemelo" + Guid.NewGuid().ToString("N")[..6];
        var anonymous = factory.Anonymous();
        var byName = new { requesterName = "Rosa Gemelo", relationship = "sister", contact = "rosa@example.org", givenName = "Reo", familyName = family, countryOfBirth = "SV" };
        var early = await FileAsync(anonymous, byName);
        await ImportAsync(factory, EligiblePerson(Unique("IR-TWIN-A"), "Reo", family));
        var one = await FileAsync(anonymous, byName);
        await ImportAsync(factory, EligiblePerson(Unique("IR-TWIN-B"), "Reo", family));
        var two = await FileAsync(anonymous, byName);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var open = (await reception.GetFromJsonAsync<JsonArray>("/api/information-requests"))!;
        string IdOf(JsonObject filed) => open.Single(r => r!["reference"]!.GetValue<string>() == filed["reference"]!.GetValue<string>())!["id"]!.GetValue<string>();

        await OkAsync(reception.PostAsync($"/api/information-requests/{IdOf(one)}/answer", null));
        await OkAsync(reception.PostAsync($"/api/information-requests/{IdOf(two)}/answer", null));
        await OkAsync(reception.PostAsync($"/api/information-requests/{IdOf(early)}/answer", null));
        var answerOne = (await OkAsync(anonymous.GetAsync($"/api/information-requests/status/{Token(one)}")))["answer"]!;
        var answerTwo = (await OkAsync(anonymous.GetAsync($"/api/information-requests/status/{Token(two)}")))["answer"]!;
        var answerEarly = (await OkAsync(anonymous.GetAsync($"/api/information-requests/status/{Token(early)}")))["answer"]!;
        var page = await anonymous.GetStringAsync(two["statusPath"]!.GetValue<string>());

        // Filed when one person matched, answered after a second arrived: that one person's information, as filed.
        Assert.NotNull(answerOne["custodian"]);
        Assert.Null(answerOne["ambiguous"]);
        Assert.True(answerTwo["ambiguous"]!.GetValue<bool>());
        Assert.Null(answerTwo["custodian"]);
        Assert.Contains("identifier", answerTwo["message"]!.GetValue<string>(), StringComparison.Ordinal);
        // Filed before anyone matched: looked up again when answered, and now two match.
        Assert.True(answerEarly["ambiguous"]!.GetValue<bool>());
        Assert.Contains("answer-ambiguous", page, StringComparison.Ordinal);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Filing_NamesEachMissingField()
    {
        var response = await factory.Anonymous().PostAsJsonAsync("/api/information-requests", new { relationship = "brother", countryOfBirth = "SV" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("requesterName", fields);
        Assert.Contains("contact", fields);
        Assert.Contains("identifier", fields);
    }
}
