using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Demo;
using Custody.Facilities;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// Restrictions under judicial control (issue 12, point 2; art. 20): ground, authority and review
/// date; lifted by a court or the authority that imposed it; counsel asks a court to review (a
/// pending proceeding); restrictions past their review date are listed.
/// </summary>
public abstract class RestrictionTests(CustodyWebFactory factory)
{
    private static string InDays(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Restrict_NamesGroundAuthorityAndReviewDate_EachRequired()
    {
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var person = (await HandedOverAtCecotAsync(factory, "RESTR-VAL")).Id;

        var missing = await director.PostAsJsonAsync($"/api/people/{person}/restrictions", new { ground = "Investigation" });
        var past = await director.PostAsJsonAsync($"/api/people/{person}/restrictions", new { ground = "Investigation", authority = "Fiscalía", reviewBy = InDays(-1) });
        var tooFar = await director.PostAsJsonAsync($"/api/people/{person}/restrictions", new { ground = "Investigation", authority = "Fiscalía", reviewBy = InDays(200) });
        var made = await OkAsync(director.PostAsJsonAsync($"/api/people/{person}/restrictions", new { ground = "Investigation", authority = "Fiscalía General", reviewBy = InDays(30) }));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("authority", errors);
        Assert.Contains("reviewBy", errors);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Equal("Fiscalía General", made["authority"]!.GetValue<string>());
        Assert.Equal(InDays(30), made["reviewBy"]!.GetValue<string>());
        Assert.False(made["lapsed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Lift_ByACourt_OrTheImposingAccount_NotByOthers_AndOnlyOnce()
    {
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var court = await factory.BearerAsync(Roles.CourtUser);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var person = (await HandedOverAtCecotAsync(factory, "RESTR-LIFT")).Id;
        var byDirector = await OkAsync(director.PostAsJsonAsync($"/api/people/{person}/restrictions", new { ground = "Security", authority = "Director", reviewBy = InDays(10) }));
        var byCourt = await OkAsync(court.PostAsJsonAsync($"/api/people/{person}/restrictions", new { ground = "Sealed case", authority = "Juzgado 3", reviewBy = InDays(10) }));

        var noReason = await court.PostAsJsonAsync($"/api/restrictions/{byDirector["id"]}/lift", new { });
        var notStaff = await reception.PostAsJsonAsync($"/api/restrictions/{byDirector["id"]}/lift", new { reason = "x" });
        var notTheirs = await director.PostAsJsonAsync($"/api/restrictions/{byCourt["id"]}/lift", new { reason = "x" });
        var lifted = await OkAsync(director.PostAsJsonAsync($"/api/restrictions/{byDirector["id"]}/lift", new { reason = "Security review done" }));
        var again = await court.PostAsJsonAsync($"/api/restrictions/{byDirector["id"]}/lift", new { reason = "x" });
        var courtLifts = await OkAsync(court.PostAsJsonAsync($"/api/restrictions/{byCourt["id"]}/lift", new { reason = "Case unsealed" }));
        var article18 = await OkAsync(court.GetAsync($"/api/people/{person}/article-18"));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal("Security review done", lifted["liftReason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.NotNull(courtLifts["liftedAt"]);
        Assert.False(article18["restricted"]!.GetValue<bool>());
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task CounselAsksACourtToReview_RecordedAsAPendingProceeding_OnceOnly()
    {
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var counsel = await factory.BearerAsync(Roles.Counsel);
        var person = (await HandedOverAtCecotAsync(factory, "RESTR-REVIEW")).Id;
        var restriction = await OkAsync(director.PostAsJsonAsync($"/api/people/{person}/restrictions", new { ground = "Investigation", authority = "Fiscalía", reviewBy = InDays(20) }));

        var asked = await OkAsync(counsel.PostAsJsonAsync($"/api/restrictions/{restriction["id"]}/review-request", new { court = "Juzgado Primero de Instrucción", docket = "RV-12" }));
        var again = await counsel.PostAsJsonAsync($"/api/restrictions/{restriction["id"]}/review-request", new { court = "Other court" });
        var facts = (await counsel.GetFromJsonAsync<JsonArray>($"/api/people/{person}/facts"))!;

        Assert.Equal("Juzgado Primero de Instrucción", asked["reviewCourt"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var proceeding = Assert.Single(facts, f => f!["id"]!.GetValue<string>() == asked["reviewProceedingId"]!.GetValue<string>())!;
        Assert.Equal("pending", proceeding["fact"]!["status"]!.GetValue<string>());
        Assert.Equal("RV-12", proceeding["fact"]!["docket"]!.GetValue<string>());
    }

    [Fact]
    public async Task Article18Page_DirectorRestricts_CourtLifts_ErrorsNamed()
    {
        var person = (await HandedOverAtCecotAsync(factory, "RESTR-PAGE")).Id;
        var director = await factory.SignedInAsync(Roles.FacilityDirector);
        var court = await factory.SignedInAsync(Roles.CourtUser);
        var form = await director.GetStringAsync($"/People/Article18/{person}");
        FormUrlEncodedContent Restrict(string reviewBy) => new(new Dictionary<string, string>
        {
            ["ground"] = "Sealed proceedings", ["authority"] = "Juzgado 5", ["reviewBy"] = reviewBy, ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        });

        var refused = await director.PostAsync($"/People/Article18/{person}?handler=Restrict", Restrict(InDays(-2)));
        var restricted = await director.PostAsync($"/People/Article18/{person}?handler=Restrict", Restrict(InDays(14)));
        var shown = await court.GetStringAsync($"/People/Article18/{person}");
        var id = System.Text.RegularExpressions.Regex.Match(shown, "data-restriction=\"([0-9a-f-]+)\"").Groups[1].Value;
        var lifted = await court.PostAsync($"/People/Article18/{person}?handler=Lift", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["restrictionId"] = id, ["reason"] = "Proceedings closed", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(shown),
        }));
        var after = await court.GetStringAsync($"/People/Article18/{person}");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("reviewBy:", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, restricted.StatusCode);
        Assert.Contains("Juzgado 5", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.DoesNotContain("id=\"restricted\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastItsReviewDate_ARestrictionIsListedAsLapsed_OnTheApiAndTheRegisterPage()
    {
        var person = (await HandedOverAtCecotAsync(factory, "RESTR-LAPSE")).Id;
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/admission",
            new { register = Admission.RequiredFields.ToDictionary(f => f, f => (object)new { value = "as recorded" }) }));
        // Recorded 40 days ago with a review date 30 days ago (the clock of the recording, not the API's).
        using (var scope = factory.Services.CreateScope())
        {
            var then = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-40));
            var recorded = await new RestrictInformation(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), then)
                .HandleAsync(new Custody.Common.PersonId(person), new RestrictionRequest("Old ground", "Fiscalía", InDays(-30)), new Custody.Access.Viewer("test:director"));
            Assert.True(recorded.Succeeded, recorded.Failure?.Message);
        }
        var inspector = await factory.BearerAsync(Roles.Inspector);

        var lapsed = (await inspector.GetFromJsonAsync<JsonArray>("/api/restrictions/lapsed"))!;
        var page = await (await factory.SignedInAsync(Roles.Inspector)).GetStringAsync("/Facilities/Register/sv-cecot");

        var row = Assert.Single(lapsed, r => r!["personId"]!.GetValue<string>() == person.ToString())!;
        Assert.True(row["lapsed"]!.GetValue<bool>());
        Assert.Contains("Old ground", page, StringComparison.Ordinal);
    }
}

public sealed class RestrictionOnSqliteTests(CustodyWebFactory factory) : RestrictionTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class RestrictionOnPostgresTests(PostgresWebFactory factory) : RestrictionTests(factory), IClassFixture<PostgresWebFactory>;
