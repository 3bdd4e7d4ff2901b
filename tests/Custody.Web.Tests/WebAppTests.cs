using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Imports;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

public sealed class WebAppTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private async Task<T> WithDbAsync<T>(Func<CustodyDbContext, Task<T>> read)
    {
        using var scope = factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<CustodyDbContext>());
    }

    [Fact]
    public async Task Health_Anonymous_Answers200()
    {
        var response = await factory.Anonymous().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_DemoUser_SeesTheDemoPeople()
    {
        var client = await factory.SignedInAsync(Roles.CaseOfficer);

        var page = await client.GetStringAsync("/People");

        Assert.Contains($"{Custody.Web.Infrastructure.DemoSeeder.DemoPeople} people found", page, StringComparison.Ordinal);
        Assert.DoesNotContain("is not valid", page, StringComparison.Ordinal);
        Assert.Contains("Menjívar Cruz", page, StringComparison.Ordinal);
        Assert.Equal(50, page.Split("/People/Details/").Length - 1);
    }

    [Fact]
    public async Task People_Unauthenticated_RedirectsPagesAndRefusesApi()
    {
        var client = factory.Anonymous();

        var page = await client.GetAsync("/People");
        var api = await client.GetAsync("/api/people");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task People_RoleWithoutNeed_IsForbidden()
    {
        var client = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/ledger/head")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/agreements")).StatusCode);
    }

    [Fact]
    public async Task PersonRead_IsWrittenToTheLedgerBeforeItIsShown()
    {
        var client = await factory.BearerAsync(Roles.LegalReviewer);
        var search = await client.GetFromJsonAsync<JsonObject>("/api/people?q=RIVAS");
        var id = search!["items"]![0]!["id"]!.GetValue<string>();

        var person = await client.GetFromJsonAsync<JsonObject>($"/api/people/{id}");
        var history = await client.GetFromJsonAsync<JsonArray>($"/api/people/{id}/history");

        Assert.Equal("S-0001", person!["summary"]!["externalId"]!.GetValue<string>());
        Assert.Equal("violent", person["facts"]!["convictions"]![0]!["category"]!.GetValue<string>());
        Assert.Equal("person.registered", history![0]!["kind"]!.GetValue<string>());
        Assert.Contains(history, e => e!["kind"]!.GetValue<string>() == "access.person-viewed" && e["actor"]!.GetValue<string>() == "user:legal-reviewer@demo.custody.example");
    }

    [Fact]
    public async Task Counsel_SeesOnlyTheirOwnClients()
    {
        var client = await factory.BearerAsync(Roles.Counsel);
        var expected = await WithDbAsync(async db => (await db.People.ToListAsync())
            .Count(p => new Custody.Access.Viewer("x", "counsel@example.org").MaySee(p.FactsObject())));

        var page = await client.GetFromJsonAsync<JsonObject>("/api/people?pageSize=200");
        var someoneElse = await WithDbAsync(db => db.People.SingleAsync(p => p.ExternalId == "S-0001"));
        var client2 = await WithDbAsync(db => db.People.SingleAsync(p => p.ExternalId == "S-0002"));

        Assert.True(expected > 1);
        Assert.Equal(expected, page!["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/people/{someoneElse.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/people/{client2.Id}")).StatusCode);
    }

    [Fact]
    public async Task Search_InvalidFilters_Answers400NamingEachField()
    {
        var client = await factory.BearerAsync(Roles.CaseOfficer);

        var response = await client.GetAsync("/api/people?nationality=salvadoran&fact=tattoos&pageSize=0");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["fact", "nationality", "pageSize"], problem!["errors"]!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Import_InvalidBundle_Answers400WithPointersAndWritesNothing()
    {
        var client = await factory.BearerAsync(Roles.CaseOfficer);
        var before = await WithDbAsync(db => db.LedgerEntries.CountAsync());
        var bundle = JsonNode.Parse(FormatSchemas.ReadEmbedded("sample.case-bundle.json"))!;
        bundle["persons"]![0]!["names"]!["family"] = "Would-be change";
        bundle["persons"]![1]!["id"] = "S-0001";
        bundle["persons"]![2]!["languages"] = new JsonArray();

        var response = await client.PostAsync("/api/imports", new StringContent(bundle.ToJsonString(), Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("/persons/1/id"));
        Assert.True(problem["errors"]!.AsObject().ContainsKey("/persons/2/languages"));
        Assert.Equal(before, await WithDbAsync(db => db.LedgerEntries.CountAsync()));
        Assert.Equal("Rivas Ortega", await WithDbAsync(db => db.People.Where(p => p.ExternalId == "S-0001").Select(p => p.FamilyName).SingleAsync()));
    }

    [Fact]
    public async Task Import_Agreement_NeedsTheAgreementsPolicy()
    {
        var agreement = FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json");
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);

        var refused = await officer.PostAsync("/api/imports", new StringContent(agreement, Encoding.UTF8, "application/json"));
        var accepted = await supervisor.PostAsync("/api/imports", new StringContent(agreement, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(2, (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["versionsUnchanged"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_ChangedPersonThroughTheApi_IsUpdatedAndVerifies()
    {
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var auditor = await factory.BearerAsync(Roles.Auditor);
        var bundle = JsonNode.Parse(FormatSchemas.ReadEmbedded("sample.case-bundle.json"))!;
        bundle["persons"]![3]!["counsel"] = JsonNode.Parse("""[{"name":"A. Counsel","ofRecord":true,"email":"a.counsel@example.org"}]""");

        var response = await officer.PostAsync("/api/imports", new StringContent(bundle.ToJsonString(), Encoding.UTF8, "application/json"));
        var verify = await auditor.PostAsync("/api/ledger/verify", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonObject>())!["peopleUpdated"]!.GetValue<int>());
        Assert.True((await verify.Content.ReadFromJsonAsync<JsonObject>())!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Ledger_Auditor_HeadAndVerify()
    {
        var client = await factory.BearerAsync(Roles.Auditor);

        var head = await client.GetFromJsonAsync<JsonObject>("/api/ledger/head");
        var verify = await (await client.PostAsync("/api/ledger/verify", null)).Content.ReadFromJsonAsync<JsonObject>();
        var stale = await client.PostAsync("/api/ledger/verify?size=3", null);

        Assert.True(head!["size"]!.GetValue<long>() > 50);
        Assert.True(verify!["ok"]!.GetValue<bool>(), verify["problem"]?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
    }

    [Fact]
    public async Task Spanish_ChosenLanguage_TranslatesThePages()
    {
        var client = await factory.SignedInAsync(Roles.Inspector);

        var switched = await client.GetAsync("/language/es?returnUrl=/People");
        var cookie = switched.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/People?q=Menjivar");
        request.Headers.Add("Cookie", cookie);
        var page = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Equal("/People", switched.Headers.Location!.OriginalString);
        Assert.StartsWith("Custody.Language=", cookie, StringComparison.Ordinal);
        Assert.Contains("1 personas encontradas", page, StringComparison.Ordinal);
        Assert.Contains("Protecciones", page, StringComparison.Ordinal);
        Assert.Contains("lang=\"es\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_ExternalReturnUrl_StaysOnThisSite()
    {
        var response = await factory.Anonymous().GetAsync("/language/en?returnUrl=//evil.example/");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TokenEndpoint_TooManyAttempts_Answers429WithRetryAfter()
    {
        using var limited = new CustodyWebFactory { SignInAttemptsPerMinute = 2 };
        var client = limited.Anonymous();
        for (var i = 0; i < 2; i++)
        {
            await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@example.org", password = "x" });
        }

        var refused = await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@example.org", password = "x" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task SignInPage_TooManyAttemptsFromOneAddress_Answers429_WhileShowingThePageStaysFree()
    {
        using var limited = new CustodyWebFactory { SignInAttemptsPerMinute = 2 };
        var client = limited.Anonymous();
        async Task<HttpResponseMessage> AttemptAsync()
        {
            var form = await client.GetStringAsync("/Account/Login");
            return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "nobody@example.org", ["Password"] = "wrong-password", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
            }));
        }

        var first = await AttemptAsync();
        var second = await AttemptAsync();
        var third = await AttemptAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task SignIn_AnUnknownAccount_ReadsAsAWrongPassword_OnThePageAndTheApi()
    {
        var client = factory.Anonymous();
        async Task<string> PageAsync(string email)
        {
            var form = await client.GetStringAsync("/Account/Login");
            var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email, ["Password"] = "wrong-password", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
            }));
            var html = await response.Content.ReadAsStringAsync();
            return string.Join("|", System.Text.RegularExpressions.Regex.Matches(html, "<li>(.*?)</li>").Select(m => m.Groups[1].Value));
        }
        var known = Custody.Web.Infrastructure.DemoSeeder.EmailFor(Roles.Inspector);

        var pageKnown = await PageAsync(known);
        var pageUnknown = await PageAsync("nobody-at-all@example.org");
        var apiKnown = await client.PostAsJsonAsync("/api/auth/token", new { email = known, password = "wrong-password" });
        var apiUnknown = await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody-at-all@example.org", password = "wrong-password" });

        Assert.Contains("Wrong email or password.", pageKnown, StringComparison.Ordinal);
        Assert.Equal(pageKnown, pageUnknown);
        Assert.Equal(apiKnown.StatusCode, apiUnknown.StatusCode);
        Assert.Equal((await apiKnown.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToJsonString(), (await apiUnknown.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToJsonString());
    }

    [Fact]
    public async Task OpenApi_DocumentsTheApi()
    {
        var document = await factory.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/people", paths);
        Assert.Contains("/api/people/{id}", paths);
        Assert.Contains("/api/imports", paths);
        Assert.Contains("/api/ledger/verify", paths);
    }

    [Fact]
    public async Task OpenApi_EveryApiOperation_StatesItsServerFault_AndEveryGuardedOneItsRefusals()
    {
        var document = await factory.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var operations = document!["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => (Route: $"{o.Key.ToUpperInvariant()} {p.Key}", Responses: o.Value!["responses"]!.AsObject()))).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.True(o.Responses.ContainsKey("500"), $"{o.Route} does not state its 500"));
        // Public by design: the locator, the token exchange and refresh, and relatives' information requests (filed and followed without an account).
        var guarded = operations.Where(o => !o.Route.EndsWith("/api/locator", StringComparison.Ordinal) && !o.Route.EndsWith("/api/auth/token", StringComparison.Ordinal)
            && !o.Route.EndsWith("/api/auth/refresh", StringComparison.Ordinal)
            && o.Route is not ("POST /api/information-requests" or "GET /api/information-requests/status/{token}")).ToList();
        Assert.All(guarded, o => Assert.True(o.Responses.ContainsKey("401") && o.Responses.ContainsKey("403"), $"{o.Route} does not state 401 and 403"));
    }

    [Fact]
    public async Task OpenApi_EveryApiOperation_StatesWhatItReturnsOnSuccess_WithItsContent()
    {
        var document = await factory.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var operations = document!["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => (Route: $"{o.Key.ToUpperInvariant()} {p.Key}", Responses: o.Value!["responses"]!.AsObject()))).ToList();
        var missing = operations.Where(o => !o.Responses.Any(r => r.Key.StartsWith('2') && (r.Key == "204" || r.Value?["content"] is JsonObject { Count: > 0 })))
            .Select(o => o.Route).ToList();

        Assert.True(missing.Count == 0, "No success response with its content: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Charts_SpeakTheReadersLanguage()
    {
        var client = factory.Anonymous();
        using var spanish = new HttpRequestMessage(HttpMethod.Get, "/statistics/held.svg");
        spanish.Headers.AcceptLanguage.ParseAdd("es");

        var es = await (await client.SendAsync(spanish)).Content.ReadAsStringAsync();
        var en = await client.GetStringAsync("/statistics/held.svg");

        Assert.Contains("Máximo de detenidos a medianoche", es, StringComparison.Ordinal);
        Assert.Contains("Peak held at midnight", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonPage_ShowsFactsAndLedgerHistory()
    {
        var client = await factory.SignedInAsync(Roles.CourtUser);
        var id = await factory.PersonIdAsync("S-0002");

        var page = await client.GetStringAsync($"/People/Details/{id}");

        Assert.Contains("withholding-of-removal", page, StringComparison.Ordinal);
        Assert.Contains("person.registered", page, StringComparison.Ordinal);
        Assert.Contains("R. Alvarez", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreementsPage_ShowsBothVersions()
    {
        var client = await factory.SignedInAsync(Roles.ReceivingFinanceOfficer);

        var page = await client.GetStringAsync("/Agreements/Details/us-sv-2025");

        Assert.Contains("id=\"version-1\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"version-2\"", page, StringComparison.Ordinal);
        Assert.Contains("designated-gang-members", page, StringComparison.Ordinal);
    }
}

public sealed class AgreementComparisonTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public async Task Compare_ModelAgreementVersions_ShowsTheGangCategoryAdded()
    {
        var client = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);

        var comparison = await client.GetFromJsonAsync<JsonObject>("/api/agreements/us-sv-2025/compare?a=1&b=2");
        var missing = await client.GetAsync("/api/agreements/us-sv-2025/compare?a=1&b=9");
        var page = await (await factory.SignedInAsync(Roles.Inspector)).GetStringAsync("/Agreements/Compare/us-sv-2025");

        var terms = comparison!["terms"]!.AsArray();
        var added = terms.Single(t => t!["path"]!.GetValue<string>() == "categories[designated-gang-members].kind")!;
        Assert.Null(added["before"]);
        Assert.Equal("designated-member", added["after"]!.GetValue<string>());
        Assert.False(terms.Single(t => t!["path"]!.GetValue<string>() == "tariff.perPersonDay")!["changed"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("class=\"changed\"", page, StringComparison.Ordinal);
    }
}
