using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Demo;
using Custody.Facilities;
using Custody.Persistence;
using Custody.Production;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>A clock the test moves, so a production deadline can pass.</summary>
public sealed class DeadlineWebFactory : CustodyWebFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => Time;
}

/// <summary>
/// A court orders a person's whereabouts declared or the person produced; the custodian answers
/// from the register and a welfare check; a missed deadline is listed and told to the court and the sending state.
/// </summary>
public sealed class ProductionApiTests(DeadlineWebFactory factory) : IClassFixture<DeadlineWebFactory>
{
    private string At(TimeSpan fromNow) => factory.Time.GetUtcNow().Add(fromNow).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<Guid> AdmittedAtCecotAsync(string prefix)
    {
        var person = Custody.Demo.EligiblePerson.Create(Unique(prefix), "Reo", prefix);
        var ids = await ImportAsync(factory, person);
        using (var scope = factory.Services.CreateScope())
        {
            await DemoMovement.HandOverAsync(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), factory.Time, "us-sv-2025", "us-processing-centre", "sv-cecot",
                [(ids[0], person["id"]!.GetValue<string>())]);
        }
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register = FullRegister }));
        return ids[0];
    }

    private async Task<Guid> WelfareCheckAsync(Guid person, string seenBy)
    {
        var inspector = await factory.BearerAsync(Roles.Inspector);
        var check = await OkAsync(inspector.PostAsJsonAsync($"/api/people/{person}/welfare-checks",
            new { seenBy, condition = "Well", privateConversation = true, identityConfirmedBy = "verified-identifier" }));
        return Guid.Parse(check["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Whereabouts_DeclaredFromTheRegisterAndTheLatestWelfareCheck_OnceOnly()
    {
        var person = await AdmittedAtCecotAsync("WHERE");
        var court = await factory.BearerAsync(Roles.CourtUser);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var ordered = await court.PostAsJsonAsync($"/api/people/{person}/production-requests",
            new { kind = "whereabouts", court = "Juzgado Primero de Vigilancia", deadline = At(TimeSpan.FromDays(2)), docket = "HC-12/2026" });
        Assert.Equal(HttpStatusCode.Created, ordered.StatusCode);
        var request = (await ordered.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var older = await WelfareCheckAsync(person, "ICRC delegate");
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var latest = await WelfareCheckAsync(person, "Ombudsman monitor");

        var noEvidence = await director.PostAsJsonAsync($"/api/production-requests/{request}/declaration", new { });
        var stale = await director.PostAsJsonAsync($"/api/production-requests/{request}/declaration", new { welfareCheck = older });
        var declared = await OkAsync(director.PostAsJsonAsync($"/api/production-requests/{request}/declaration", new { welfareCheck = latest }));
        var again = await director.PostAsJsonAsync($"/api/production-requests/{request}/declaration", new { welfareCheck = latest });

        Assert.Equal(HttpStatusCode.BadRequest, noEvidence.StatusCode);
        Assert.Contains("welfareCheck", await noEvidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("A later welfare check", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("answered", declared["status"]!.GetValue<string>());
        var declaration = declared["declaration"]!;
        Assert.Equal("sv-cecot", declaration["facilityId"]!.GetValue<string>());
        Assert.Equal("Ombudsman monitor", declaration["seenBy"]!.GetValue<string>());
        Assert.Equal(latest.ToString(), declaration["welfareCheck"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Pages_CourtOrdersByForm_CustodianDeclaresFromTheList()
    {
        var person = await AdmittedAtCecotAsync("PAGE");
        var court = await factory.SignedInAsync(Roles.CourtUser);
        var director = await factory.SignedInAsync(Roles.FacilityDirector);
        var form = await court.GetStringAsync($"/Production/Order/{person}");
        var deadline = factory.Time.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        var missingCourt = await court.PostAsync($"/Production/Order/{person}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Kind"] = "whereabouts", ["Court"] = "", ["Deadline"] = deadline, ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));
        var ordered = await court.PostAsync($"/Production/Order/{person}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Kind"] = "whereabouts", ["Court"] = "Juzgado Tercero", ["Deadline"] = deadline, ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));
        await WelfareCheckAsync(person, "Ombudsman monitor");
        var list = await director.GetStringAsync("/Production");
        var request = System.Text.RegularExpressions.Regex.Match(list, $"data-request=\"([0-9a-f-]+)\"[^>]*>\\s*<td><a href=\"/People/Details/{person}\"").Groups[1].Value;
        var declared = await director.PostAsync("/Production?handler=Declare", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["requestId"] = request, ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(list),
        }));
        var counselPage = await (await factory.SignedInAsync(Roles.Counsel)).GetAsync($"/Production/Order/{person}");

        Assert.Equal(HttpStatusCode.OK, missingCourt.StatusCode);
        Assert.Contains("court: Name the court", await missingCourt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, ordered.StatusCode);
        Assert.NotEmpty(request);
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        var answered = (await (await factory.BearerAsync(Roles.CourtUser)).GetFromJsonAsync<JsonArray>($"/api/people/{person}/production-requests"))!;
        Assert.Equal("answered", answered.Single()!["status"]!.GetValue<string>());
        Assert.Equal("Ombudsman monitor", answered.Single()!["declaration"]!["seenBy"]!.GetValue<string>());
        Assert.NotEqual(HttpStatusCode.OK, counselPage.StatusCode);
    }

    [Fact]
    public async Task Order_IsForCourts_AndNamesBadFields()
    {
        var person = await AdmittedAtCecotAsync("ORDER");
        var court = await factory.BearerAsync(Roles.CourtUser);
        var counsel = await factory.BearerAsync(Roles.Counsel);

        var byCounsel = await counsel.PostAsJsonAsync($"/api/people/{person}/production-requests", new { kind = "whereabouts", court = "X", deadline = At(TimeSpan.FromDays(1)) });
        var bad = await court.PostAsJsonAsync($"/api/people/{person}/production-requests", new { kind = "bring-body", deadline = At(TimeSpan.FromDays(-1)) });
        var production = await court.PostAsJsonAsync($"/api/people/{person}/production-requests", new { kind = "produce-video", court = "Sala Penal", deadline = At(TimeSpan.FromDays(1)) });
        var id = (await production.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var check = await WelfareCheckAsync(person, "Duty nurse");
        var notSaidHow = await (await factory.BearerAsync(Roles.FacilityDirector)).PostAsJsonAsync($"/api/production-requests/{id}/declaration", new { welfareCheck = check });

        Assert.Equal(HttpStatusCode.Forbidden, byCounsel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"kind\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"court\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"deadline\"", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notSaidHow.StatusCode);
        Assert.Contains("producedBy", await notSaidHow.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_Missed_IsListedOverdue_AndToldOnceToTheCourtAndTheSendingState()
    {
        var person = await AdmittedAtCecotAsync("LATE");
        var court = await factory.BearerAsync(Roles.CourtUser);
        var ordered = await court.PostAsJsonAsync($"/api/people/{person}/production-requests",
            new { kind = "produce-in-person", court = "Juzgado Segundo", deadline = At(TimeSpan.FromHours(1)) });
        Assert.Equal(HttpStatusCode.Created, ordered.StatusCode);
        var id = (await ordered.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        factory.Time.Advance(TimeSpan.FromHours(2));
        court = await factory.BearerAsync(Roles.CourtUser); // the earlier token expired with the hour

        int first, second;
        using (var scope = factory.Services.CreateScope())
        {
            var production = scope.ServiceProvider.GetRequiredService<RecordProductionOverdue>();
            first = await production.HandleAsync("system:deadlines");
            second = await production.HandleAsync("system:deadlines");
        }
        var overdue = (await court.GetFromJsonAsync<JsonArray>("/api/production-requests?overdue=true"))!;
        var notices = (await (await factory.BearerAsync(Roles.FacilityDirector)).GetFromJsonAsync<JsonArray>("/api/notifications"))!
            .Where(n => n!["personId"]?.GetValue<string>() == person.ToString() && n["kind"]!.GetValue<string>().StartsWith("production-overdue", StringComparison.Ordinal)).ToList();

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        Assert.Contains(overdue, r => r!["id"]!.GetValue<string>() == id && r["overdue"]!.GetValue<bool>());
        Assert.Equal(["production-overdue-court", "production-overdue-sending-state"], notices.Select(n => n!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Contains(notices, n => n!["recipientName"]!.GetValue<string>() == "Juzgado Segundo");
        await AssertLedgerVerifiesAsync(factory);
    }
}
