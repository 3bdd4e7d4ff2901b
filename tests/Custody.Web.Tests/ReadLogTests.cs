using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// Every read of personal data is ledgered through one endpoint filter and one page filter, one
/// entry per request naming the people shown; counsel see that their client's file was read and by
/// which role, not by whom; reads are limited per user.
/// </summary>
public sealed class ReadLogTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public async Task AManifestRead_ByApiOrPage_IsOneEntryNamingItsPeople_AndCounselSeeTheRoleNotTheReader()
    {
        var ids = await ImportAsync(factory, EligiblePerson(Unique("READ-A")), EligiblePerson(Unique("READ-B")));
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var manifest = await CreateManifestAsync(supervisor);
        await AddAsync(supervisor, manifest, ids[0]);
        await AddAsync(supervisor, manifest, ids[1], "alternate");
        var seqBefore = await LastSeqAsync();

        var api = await supervisor.GetAsync($"/api/manifests/{manifest}");
        var page = await (await factory.SignedInAsync(Roles.EscortOfficer)).GetAsync($"/Manifests/Details/{manifest}");
        var reads = await ReadsSinceAsync(seqBefore);
        var byCounsel = await OkArrayAsync((await factory.BearerAsync(Roles.Counsel)).GetAsync($"/api/people/{ids[0]}/reads"));
        var byCourt = await OkArrayAsync((await factory.BearerAsync(Roles.CourtUser)).GetAsync($"/api/people/{ids[0]}/reads"));
        var history = await OkArrayAsync((await factory.BearerAsync(Roles.Counsel)).GetAsync($"/api/people/{ids[0]}/history"));

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(2, reads.Count);
        Assert.Equal("api /api/manifests/{id:guid}", reads[0].View);
        Assert.Equal("page /Manifests/Details", reads[1].View);
        Assert.All(reads, r => Assert.Equal(ids.Order(), r.People.Order()));
        Assert.Equal([Roles.TransferSupervisor], reads[0].Roles);
        Assert.Equal([Roles.EscortOfficer], reads[1].Roles);
        var manifestRead = byCounsel.Single(r => r!["view"]!.GetValue<string>() == "api /api/manifests/{id:guid}")!;
        Assert.Equal(Roles.TransferSupervisor, manifestRead["roles"]![0]!.GetValue<string>());
        Assert.Null(manifestRead["reader"]);
        Assert.Contains(byCourt, r => r!["reader"]?.GetValue<string>() == "user:" + Custody.Web.Infrastructure.DemoSeeder.EmailFor(Roles.TransferSupervisor));
        Assert.All(history.Where(h => h!["kind"]!.GetValue<string>().StartsWith("access.", StringComparison.Ordinal)), h => Assert.Equal("hidden", h!["actor"]!.GetValue<string>()));
        var counselPage = await (await factory.SignedInAsync(Roles.Counsel)).GetStringAsync($"/People/Details/{ids[0]}");
        var readsTable = counselPage[counselPage.IndexOf("id=\"file-reads\"", StringComparison.Ordinal)..counselPage.IndexOf("id=\"ledger-history\"", StringComparison.Ordinal)];
        Assert.Contains("api /api/manifests/{id:guid}", readsTable, StringComparison.Ordinal);
        Assert.Contains("Transfer supervisor", readsTable, StringComparison.Ordinal);
        Assert.DoesNotContain(Custody.Web.Infrastructure.DemoSeeder.EmailFor(Roles.TransferSupervisor), readsTable, StringComparison.Ordinal);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task AReconciliationFile_IsARead_NamingItsPeople()
    {
        var ids = await ImportAsync(factory, EligiblePerson(Unique("READ-F")), EligiblePerson(Unique("READ-G")));
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var manifest = await CreateManifestAsync(supervisor);
        await AddAsync(supervisor, manifest, ids[0]);
        await AddAsync(supervisor, manifest, ids[1]);
        var seqBefore = await LastSeqAsync();

        var csv = await supervisor.GetAsync($"/api/manifests/{manifest}/reconciliation.csv");
        var pdf = await supervisor.GetAsync($"/api/manifests/{manifest}/reconciliation.pdf");
        var reads = await ReadsSinceAsync(seqBefore);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(["api /api/manifests/{id:guid}/reconciliation.csv", "api /api/manifests/{id:guid}/reconciliation.pdf"], reads.Select(r => r.View));
        Assert.All(reads, r => Assert.Equal(ids.Order(), r.People.Order()));
    }

    [Fact]
    public async Task AnInvoice_AsJsonOrAsAFile_IsARead_NamingThePeopleOnItsLines()
    {
        var start = DateTimeOffset.UtcNow.AddMonths(-1);
        var lastMonth = start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var person = EligiblePerson(Unique("READ-I"));
        var ids = await ImportAsync(factory, person);
        using (var scope = factory.Services.CreateScope())
        {
            // Handed over on the 2nd of last month: held, so on last month's invoice.
            await Custody.Demo.DemoMovement.HandOverAsync(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(),
                new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(start.Year, start.Month, 2, 10, 0, 0, TimeSpan.Zero)),
                "us-sv-2025", "us-processing-centre", "sv-cecot", [(ids[0], person["id"]!.GetValue<string>())]);
        }
        var finance = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);
        var draft = (await finance.GetFromJsonAsync<JsonObject>($"/api/invoices/draft?agreement=us-sv-2025&month={lastMonth}"))!;
        var onLines = draft["lines"]!.AsArray().Select(l => l!["personId"]!.GetValue<Guid>()).Order().ToList();
        var issued = await finance.PostAsJsonAsync("/api/invoices", new { agreementId = "us-sv-2025", month = lastMonth });
        var id = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var seqBefore = await LastSeqAsync();

        var answers = new List<HttpStatusCode>();
        foreach (var path in new[] { $"/api/invoices/{id}", $"/api/invoices/{id}.csv", $"/api/invoices/{id}.xlsx", $"/api/invoices/{id}.pdf", $"/api/invoices/draft.csv?agreement=us-sv-2025&month={lastMonth}" })
        {
            answers.Add((await finance.GetAsync(path)).StatusCode);
        }
        var reads = await ReadsSinceAsync(seqBefore);

        Assert.Contains(ids[0], onLines);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(["api /api/invoices/{id:guid}", "api /api/invoices/{id:guid}.{format:regex(^(csv|xlsx|pdf)$)}", "api /api/invoices/{id:guid}.{format:regex(^(csv|xlsx|pdf)$)}",
            "api /api/invoices/{id:guid}.{format:regex(^(csv|xlsx|pdf)$)}", "api /api/invoices/draft.{format:regex(^(csv|xlsx|pdf)$)}"], reads.Select(r => r.View));
        Assert.All(reads, r => Assert.Equal(onLines, r.People.Order()));
        Assert.All(reads, r => Assert.Equal([Roles.ReceivingFinanceOfficer], r.Roles));
    }

    [Fact]
    public async Task AChartOfCounts_RecordsNothing()
    {
        var finance = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);
        var seqBefore = await LastSeqAsync();

        var chart = await finance.GetAsync("/api/invoices/spend.svg?agreement=us-sv-2025");

        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Empty(await ReadsSinceAsync(seqBefore));
    }

    [Fact]
    public async Task AListWithoutPeople_RecordsNothing()
    {
        var reader = await factory.BearerAsync(Roles.Auditor);
        var seqBefore = await LastSeqAsync();

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/agreements")).StatusCode);

        Assert.Empty(await ReadsSinceAsync(seqBefore));
    }

    [Fact]
    public async Task Reads_AreLimitedPerUser()
    {
        using var limited = new CustodyWebFactory { ReadsPerUserPerMinute = 3 };
        var auditor = await limited.BearerAsync(Roles.Auditor);
        var court = await limited.BearerAsync(Roles.CourtUser);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await auditor.GetAsync("/api/agreements")).StatusCode);
        }
        var another = await court.GetAsync("/api/agreements");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
    }

    private sealed record Read(string View, IReadOnlyList<Guid> People, IReadOnlyList<string> Roles);

    private async Task<long> LastSeqAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CustodyDbContext>().LedgerEntries.MaxAsync(e => e.Seq);
    }

    private async Task<List<Read>> ReadsSinceAsync(long seq)
    {
        using var scope = factory.Services.CreateScope();
        var entries = await scope.ServiceProvider.GetRequiredService<CustodyDbContext>().LedgerEntries
            .Where(e => e.Seq > seq && e.Kind == Custody.Access.PeopleRead.EntryKind).OrderBy(e => e.Seq).ToListAsync();
        return [.. entries.Select(e => (Custody.Access.PeopleRead)EventRegistry.Default.Read(e.Kind, LedgerContent.Parse(e.Content).Payload))
            .Select(r => new Read(r.View, r.People, r.Roles ?? []))];
    }

    private static async Task<JsonArray> OkArrayAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }
}
