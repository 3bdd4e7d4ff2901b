using System.Net;
using Custody.Demo;
using Custody.Persistence;
using Custody.Transparency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// The public statistics: counts per agreement, facility and month, no personal data, counts under 5
/// suppressed everywhere (page, CSV, chart), and every table citing the signed checkpoint it was computed at.
/// </summary>
public sealed class PublicStatisticsTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _handedOver;

    /// <summary>Six people handed over at Izalco (where the demo holds nobody) three days ago: eighteen person-nights, six at each midnight.</summary>
    private async Task SixHeldForThreeNightsAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_handedOver)
            {
                return;
            }
            var people = Enumerable.Range(0, 6).Select(i => Custody.Demo.EligiblePerson.Create($"STAT-{i}", "Reo", $"Stat{i}")).ToArray();
            var ids = await ImportAsync(factory, people);
            using var scope = factory.Services.CreateScope();
            await DemoMovement.HandOverAsync(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-3)),
                "us-sv-2025", "us-processing-centre", "sv-izalco", ids.Select((id, i) => (id, people[i]["id"]!.GetValue<string>())).ToList());
            _handedOver = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private static List<Dictionary<string, string>> ReadCsv(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        return [.. lines.Skip(1).Select(cells => lines[0].Zip(cells).ToDictionary(p => p.First, p => p.Second))];
    }

    [Fact]
    public async Task FacilitiesCsv_CountsPeopleAndNights_SuppressesSmallCounts_AndCitesASignedCheckpoint()
    {
        await SixHeldForThreeNightsAsync();
        var anonymous = factory.Anonymous();

        var rows = ReadCsv(await anonymous.GetStringAsync("/statistics/facilities.csv"))
            .Where(r => r["agreement"] == "us-sv-2025" && r["facility"] == "sv-izalco").ToList();

        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r["transferred"] == "6");
        Assert.Equal(18, rows.Where(r => r["personNights"] != "fewer than 5").Sum(r => int.Parse(r["personNights"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(rows.Where(r => r["personNights"] != "fewer than 5"), r => Assert.Equal("6", r["peakAtMidnight"]));
        Assert.All(rows, r => Assert.Equal("fewer than 5", r["deaths"]));
        Assert.DoesNotContain(rows, r => r.Values.Any(v => v.Contains("STAT-", StringComparison.Ordinal) || v.Contains("Reo", StringComparison.Ordinal)));
        var size = rows[0]["checkpointSize"];
        var key = NoteVerifier.Parse((await anonymous.GetStringAsync("/log-key")).Split('\n')[0]);
        var note = SignedNote.Parse(await anonymous.GetStringAsync($"/checkpoints/{size}"));
        Assert.True(note.IsSignedBy(key));
        // A root whose base64 begins with + (one in 64) is written '+… : the CSV escapes any cell a spreadsheet would run as a formula.
        var root = rows[0]["checkpointRoot"];
        Assert.Equal(root.Length > 1 && root[0] == '\'' && root[1] is '=' or '+' or '-' or '@' ? root[1..] : root, Convert.ToBase64String(Checkpoint.Parse(note.Text).RootHash));
    }

    [Fact]
    public async Task Page_IsPublic_InBothLanguages_WithTheChartAndTheCheckpoint()
    {
        await SixHeldForThreeNightsAsync();
        var anonymous = factory.Anonymous();

        var page = await anonymous.GetAsync("/Statistics");
        var html = await page.Content.ReadAsStringAsync();
        var spanish = factory.Anonymous();
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var es = await spanish.GetStringAsync("/Statistics");
        var chart = await anonymous.GetAsync("/statistics/held.svg");
        var fees = await anonymous.GetAsync("/statistics/fees.csv");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"statistics-checkpoint\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/checkpoints/", html, StringComparison.Ordinal);
        Assert.Contains("fewer than 5", html, StringComparison.Ordinal);
        Assert.Contains("menos de 5", es, StringComparison.Ordinal);
        Assert.Contains("Estadísticas públicas", es, StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", chart.Content.Headers.ContentType?.CharSet);
        Assert.StartsWith("agreement,month,daysInvoiced,daysPaid,checkpointSize,checkpointRoot", await fees.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
