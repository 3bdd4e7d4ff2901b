using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Custody.Persistence;
using Custody.Transfers;
using Custody.WorkQueue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>The home page is each user's work queue: the kinds of work their roles ask for, counted from the register.</summary>
public sealed partial class WorkQueueTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    public static TheoryData<string> RolesWithWork() => new(ReadWorkToDo.KindsByRole.Keys);

    [Theory]
    [MemberData(nameof(RolesWithWork))]
    public async Task Home_ShowsEveryKindOfWorkTheRoleAsksFor_AndNoOther(string role)
    {
        var client = await factory.SignedInAsync(role);

        var page = await client.GetStringAsync("/");

        var shown = Kinds().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ReadWorkToDo.KindsByRole[role].Order(), shown.Order());
        Assert.Equal(shown.Count, shown.Distinct().Count());
    }

    [Fact]
    public async Task Home_ForAnAuditor_SaysTheRoleHasNoQueue()
    {
        var page = await (await factory.SignedInAsync(Roles.Auditor)).GetStringAsync("/");

        Assert.Empty(Kinds().Matches(page));
        Assert.Contains("Your roles ask for no work from a queue", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestsToLock_CountsTheDrafts_AndLockingOneTakesItOff()
    {
        var supervisor = await factory.SignedInAsync(Roles.TransferSupervisor);
        var drafts = await WithDbAsync(db => db.Manifests.Where(m => m.Status == ManifestStatuses.Draft).Select(m => m.Id).ToListAsync());
        Assert.NotEmpty(drafts); // the demo data's manifest

        Assert.Equal(drafts.Count, CountOf(await supervisor.GetStringAsync("/"), WorkKinds.ManifestsToLock));

        var bearer = await factory.BearerAsync(Roles.TransferSupervisor);
        var locked = await bearer.PostAsync($"/api/manifests/{drafts[0]}/lock", null);
        Assert.True(locked.IsSuccessStatusCode, await locked.Content.ReadAsStringAsync());

        var after = await supervisor.GetStringAsync("/");
        if (drafts.Count == 1)
        {
            Assert.Null(CountOf(after, WorkKinds.ManifestsToLock));
            Assert.Matches("""<li data-kind="manifests-to-lock"><a href="/Manifests">""", after);
        }
        else
        {
            Assert.Equal(drafts.Count - 1, CountOf(after, WorkKinds.ManifestsToLock));
        }
    }

    [Fact]
    public async Task AwaitingAdmission_CountsThePeopleHandedOverAndNotAdmitted_AndLeadsToTheirFacility()
    {
        var reception = await factory.SignedInAsync(Roles.ReceptionOfficer);
        var handedOver = await WithDbAsync(async db =>
        {
            var received = await db.ManifestPeople.Where(p => p.Status == ManifestPersonStatuses.HandedOver).Select(p => p.PersonId).ToListAsync();
            var admitted = await db.Admissions.Select(a => a.PersonId).ToListAsync();
            return received.Except(admitted).Count();
        });
        Assert.True(handedOver > 0, "The demo data hands people over to the receiving prison.");

        var page = await reception.GetStringAsync("/");

        Assert.Equal(handedOver, CountOf(page, WorkKinds.AwaitingAdmission));
        Assert.Contains("href=\"/Facilities/Register/sv-cecot\">Handed over, awaiting admission</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_InSpanish_NamesTheWorkInSpanish()
    {
        var supervisor = await factory.SignedInAsync(Roles.TransferSupervisor);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("es");

        var page = await (await supervisor.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<h1>Tareas pendientes</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Personas que deben desembarcar", page, StringComparison.Ordinal);
        Assert.Contains("<a class=\"usa-skipnav\" href=\"#main-content\">Saltar al contenido principal</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKindOfWork_IsAskedForByARole_AndNamedOnThePage()
    {
        var kinds = typeof(WorkKinds).GetFields().Select(f => (Name: f.Name, Value: (string)f.GetValue(null)!)).ToList();
        var page = File.ReadAllText(Path.Combine(LocalizationCoverageTests.WebProject().FullName, "Pages", "Index.cshtml"));

        Assert.All(kinds, k => Assert.Contains(ReadWorkToDo.KindsByRole.Values, asked => asked.Contains(k.Value)));
        Assert.All(kinds, k => Assert.Matches($@"WorkKinds\.{k.Name} => L\[""", page));
    }

    [Fact]
    public async Task EveryKindOfWork_IsCounted()
    {
        using var scope = factory.Services.CreateScope();
        var queue = scope.ServiceProvider.GetRequiredService<ReadWorkToDo>();

        var items = await queue.ForAsync(Roles.All);

        Assert.Equal(typeof(WorkKinds).GetFields().Length, items.Count);
        Assert.All(items, i => Assert.True(i.Count >= 0 && i.Link.StartsWith('/'), i.ToString()));
    }

    [Fact]
    public async Task CellsBelowStandard_CountsTheCellsTheRegistersGridBandsBelow()
    {
        var director = await factory.SignedInAsync(Roles.FacilityDirector);

        var register = await director.GetStringAsync("/Facilities/Register/sv-cecot");
        var home = await director.GetStringAsync("/");

        var below = Regex.Count(register, "data-band=\"below\"");
        Assert.True(below > 0, "The demo's inspection counted cell A-02 far over the standard.");
        Assert.Equal(below, CountOf(home, WorkKinds.CellsBelowStandard));
        Assert.Contains("href=\"/Facilities/Register/sv-cecot\">Cells below the space standard</a>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FearInterviewsDue_CountsPendingClaims_WithTheEarliestInterview_UntilDecided()
    {
        var reviewer = await factory.SignedInAsync(Roles.LegalReviewer);
        var api = await factory.BearerAsync(Roles.LegalReviewer);
        var person = await factory.PersonIdAsync("DEMO-HELD-1");
        var before = CountOf(await reviewer.GetStringAsync("/"), WorkKinds.FearInterviewsDue) ?? 0;

        var raised = await api.PostAsJsonAsync($"/api/people/{person}/fear-claims", new { country = "SV" });
        var factId = (await raised.Content.ReadFromJsonAsync<JsonObject>())!["fact"]!["id"]!.GetValue<string>();
        // Earlier than the demo's pending claim (interview set for 2025-03-06, never decided) and than the bundle
        // test's, so that it is the earliest whichever runs first: a pending claim whose interview passed is overdue work.
        var interview = new DateTime(2024, 11, 1, 15, 0, 0, DateTimeKind.Utc);
        Assert.True((await api.PostAsJsonAsync($"/api/facts/{factId}/interview", new { interviewAt = interview.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) })).IsSuccessStatusCode);
        var pending = await reviewer.GetStringAsync("/");

        Assert.Equal(before + 1, CountOf(pending, WorkKinds.FearInterviewsDue));
        Assert.Contains($"datetime=\"{interview:yyyy-MM-dd'T'HH:mm:ss'Z'}\"", Card(pending, WorkKinds.FearInterviewsDue), StringComparison.Ordinal);

        Assert.True((await api.PostAsJsonAsync($"/api/facts/{factId}/decision", new { decision = "negative" })).IsSuccessStatusCode);
        Assert.Equal(before, CountOf(await reviewer.GetStringAsync("/"), WorkKinds.FearInterviewsDue) ?? 0);
    }

    [Fact]
    public async Task DesignationsToReview_CountsTheUnvalidated_UntilTwoReviewersAndEvidenceValidateIt()
    {
        var officer = await factory.SignedInAsync(Roles.CaseOfficer);
        var (officerApi, reviewerApi) = (await factory.BearerAsync(Roles.CaseOfficer), await factory.BearerAsync(Roles.LegalReviewer));
        var person = await factory.PersonIdAsync("DEMO-HELD-4");
        var before = CountOf(await officer.GetStringAsync("/"), WorkKinds.DesignationsToReview) ?? 0;
        const string group = "Barrio 18";

        Assert.True((await officerApi.PostAsJsonAsync($"/api/people/{person}/designations/evidence", new { group, kind = "court-finding", date = "2024-11-01" })).IsSuccessStatusCode);
        Assert.Equal(before + 1, CountOf(await officer.GetStringAsync("/"), WorkKinds.DesignationsToReview));
        Assert.True((await officerApi.PostAsJsonAsync($"/api/people/{person}/designations/review", new { group })).IsSuccessStatusCode);
        Assert.Equal(before + 1, CountOf(await officer.GetStringAsync("/"), WorkKinds.DesignationsToReview));

        Assert.True((await reviewerApi.PostAsJsonAsync($"/api/people/{person}/designations/review", new { group })).IsSuccessStatusCode);
        Assert.Equal(before, CountOf(await officer.GetStringAsync("/"), WorkKinds.DesignationsToReview) ?? 0);
    }

    [Fact]
    public async Task ABundlesPendingFearClaimAndUnvalidatedDesignation_ReachTheLegalReviewersQueue_WithTheBundlesInterviewDate()
    {
        var reviewer = await factory.SignedInAsync(Roles.LegalReviewer);
        var home = await reviewer.GetStringAsync("/");
        var (fearBefore, designationsBefore) = (CountOf(home, WorkKinds.FearInterviewsDue) ?? 0, CountOf(home, WorkKinds.DesignationsToReview) ?? 0);
        // Earlier than the demo's pending claim (2025-03-06); the other fear-claim test's, earlier still, is decided before it ends.
        var interview = new DateTime(2024, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        var person = Custody.Demo.EligiblePerson.Create("WQ-" + Guid.NewGuid().ToString("N")[..8]);
        person["fearClaims"] = new JsonArray(new JsonObject { ["country"] = "SV", ["outcome"] = "pending", ["interviewAt"] = interview.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) });
        person["designations"] = new JsonArray(new JsonObject { ["group"] = "MS-13", ["evidence"] = new JsonArray(new JsonObject { ["kind"] = "tattoo" }), ["reviewers"] = new JsonArray() });

        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var imported = await officer.PostAsync("/api/imports", new StringContent(Custody.Demo.EligiblePerson.Bundle([person]), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var after = await reviewer.GetStringAsync("/");

        Assert.Equal(fearBefore + 1, CountOf(after, WorkKinds.FearInterviewsDue));
        Assert.Equal(designationsBefore + 1, CountOf(after, WorkKinds.DesignationsToReview));
        Assert.Contains($"datetime=\"{interview:yyyy-MM-dd'T'HH:mm:ss'Z'}\"", Card(after, WorkKinds.FearInterviewsDue), StringComparison.Ordinal);
    }

    /// <summary>The card of one kind of work, up to the next card.</summary>
    private static string Card(string page, string kind)
    {
        var start = page.IndexOf($"data-kind=\"{kind}\"", StringComparison.Ordinal);
        var end = page.IndexOf("data-kind=", start + 10, StringComparison.Ordinal);
        return page[start..(end < 0 ? page.Length : end)];
    }

    private static int? CountOf(string page, string kind)
    {
        var match = Regex.Match(page, $"""data-kind="{kind}">\s*<div class="usa-card__container[^"]*">[\s\S]*?work-count__number">(\d+)<""");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private async Task<T> WithDbAsync<T>(Func<CustodyDbContext, Task<T>> read)
    {
        using var scope = factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<CustodyDbContext>());
    }

    [GeneratedRegex("""data-kind="([a-z-]+)""")]
    private static partial Regex Kinds();
}
