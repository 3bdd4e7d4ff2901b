using System.Text.Json;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Facilities;
using Custody.Screening;

namespace Custody.Web.Tests;

/// <summary>
/// The demo data shows the product: people held in cells (one cell counted over the standard at an
/// inspection), a past month's invoice with a dispute, movements at each stage with an alert; and the
/// register's cell grid bands each cell by floor area per person at the standard's boundaries.
/// </summary>
public sealed class DemoStoryTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public async Task RegisterPage_ShowsTheCellsOnAGrid_TheInspectedCellBelowTheStandard()
    {
        var director = await factory.SignedInAsync(Roles.FacilityDirector);

        var page = await director.GetStringAsync("/Facilities/Register/sv-cecot");

        Assert.Contains("data-cell=\"sv-cecot/A/01\" data-band=\"within\"", page, StringComparison.Ordinal); // 3 people in 100 m²
        Assert.Contains("data-cell=\"sv-cecot/A/02\" data-band=\"below\"", page, StringComparison.Ordinal);  // 158 counted at the inspection
        Assert.Contains("data-cell=\"sv-cecot/H/32\" data-band=\"empty\"", page, StringComparison.Ordinal);
        Assert.Contains("02: 158 people, 0.63 m² each (standard 3.4 m²)", page, StringComparison.Ordinal);
        Assert.Contains("/charts/space.svg", page, StringComparison.Ordinal);
        // Izalco holds nobody in the demo: words, not an empty chart.
        var empty = await director.GetStringAsync("/Facilities/Register/sv-izalco");
        Assert.Contains("id=\"charts-empty\"", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("/charts/space.svg", empty, StringComparison.Ordinal);
        var spanish = await director.GetStringAsync("/Facilities/Register/sv-cecot?culture=es-SV");
        Assert.Contains("Celdas por espacio por persona", spanish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoData_HasTheMonthBeforeLastsInvoiceDisputed_AndAMovementAtEachStage()
    {
        var payer = await factory.BearerAsync(Roles.SendingFinanceOfficer);
        var month = DateTimeOffset.UtcNow.AddMonths(-2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var invoices = (await payer.GetFromJsonAsync<JsonArray>("/api/invoices?agreement=us-sv-2025"))!;
        var invoice = invoices.Single(i => i!["month"]!.GetValue<string>() == month)!;
        var detail = (await payer.GetFromJsonAsync<JsonObject>($"/api/invoices/{invoice["id"]}"))!;
        var lines = JsonNode.Parse(detail["document"]!.GetValue<string>())!["lines"]!.AsArray();
        // Five people seen weekly by a monitor are paid for; the one never seen is withheld.
        Assert.Equal(6, lines.Count(l => l!["externalId"]!.GetValue<string>().StartsWith("DEMO-HELD-", StringComparison.Ordinal)));
        var unseen = lines.Single(l => l!["externalId"]!.GetValue<string>() == "DEMO-HELD-6")!;
        Assert.Equal(0, unseen["payableDays"]!.GetValue<int>());
        Assert.True(lines.Single(l => l!["externalId"]!.GetValue<string>() == "DEMO-HELD-1")!["payableDays"]!.GetValue<int>() > 0);
        Assert.Contains("DEMO-HELD-4", detail.ToJsonString(), StringComparison.Ordinal);

        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var manifests = (await supervisor.GetFromJsonAsync<JsonArray>("/api/manifests"))!;
        var statuses = manifests.Select(m => m!["status"]!.GetValue<string>()).ToList();
        Assert.Contains("draft", statuses);
        Assert.Contains("locked", statuses);
        Assert.Contains("departed", statuses);
        Assert.Contains("arrived", statuses);
    }

    [Fact]
    public async Task PersonPage_LeadsWithASummary_WhereTheyAreNow_OpenAlerts_AndTheNextDates()
    {
        var supervisor = await factory.SignedInAsync(Roles.TransferSupervisor);

        var travelling = Summary(await supervisor.GetStringAsync($"/People/Details/{await factory.PersonIdAsync("DEMO-FLT-1")}"));
        var held = Summary(await supervisor.GetStringAsync($"/People/Details/{await factory.PersonIdAsync("DEMO-HELD-1")}"));
        var unlisted = Summary(await supervisor.GetStringAsync($"/People/Details/{await factory.PersonIdAsync("S-0003")}"));

        Assert.Contains("Blocked: must disembark", travelling, StringComparison.Ordinal);
        Assert.Contains("Demo Air DA-102", travelling, StringComparison.Ordinal);
        Assert.Contains(">Departure</a>", travelling, StringComparison.Ordinal);
        Assert.Contains("Centro de Confinamiento del Terrorismo (CECOT)", held, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/Facilities/Register/sv-cecot\">Disposition due</a>", held, StringComparison.Ordinal);
        Assert.Contains("outcome-tag--", held, StringComparison.Ordinal);
        Assert.DoesNotContain("must disembark", held, StringComparison.Ordinal);
        // On no manifest and held nowhere: no alert, no date, and the screening's blocking reason.
        Assert.DoesNotContain("/Manifests/Details/", unlisted, StringComparison.Ordinal);
        Assert.DoesNotContain("/Facilities/Register/", unlisted, StringComparison.Ordinal);
        Assert.Contains("outcome-tag--blocked", unlisted, StringComparison.Ordinal);
    }

    // The summary box, which comes before the identity section.
    private static string Summary(string page)
    {
        var start = page.IndexOf("id=\"person-summary\"", StringComparison.Ordinal);
        var end = page.IndexOf("aria-labelledby=\"identity\"", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "The person page does not lead with its summary.");
        return page[start..end];
    }

    private static CellOccupancy Cell(decimal area, int occupants, bool shared = true) =>
        new("f/A/01", "A", "01", area, shared, 10, 10, 10, occupants, occupants == 0 ? null : area / occupants);

    private static Occupancy Of(params CellOccupancy[] cells) => new("f", DateTime.UtcNow, cells.Sum(c => c.Occupants), 0, 0, 0, 0, [], cells);

    [Theory]
    [InlineData(34.0, 10, true, "near")]     // 3.4 m² each: at the shared-cell standard
    [InlineData(33.9, 10, true, "below")]    // 3.39
    [InlineData(51.0, 10, true, "within")]   // 5.1 = 1.5 × 3.4
    [InlineData(50.9, 10, true, "near")]
    [InlineData(5.3, 1, false, "below")]     // a single cell is held to 5.4 m²
    [InlineData(5.4, 1, false, "near")]
    [InlineData(20.0, 0, true, "empty")]
    public void CellGrid_BandsEachCellByFloorAreaPerPerson_AtTheStandardsBoundaries(double area, int occupants, bool shared, string band)
    {
        var tile = CellGrid.Build(Of(Cell((decimal)area, occupants, shared)), [], new FacilityStandards()).Single().Single();

        Assert.Equal(band, tile.Band);
    }

    [Fact]
    public void CellGrid_UsesTheLastInspectionsCount_OnlyWhenItFoundMoreThanTheRegister()
    {
        static InspectionView Counted(int occupants, int daysAgo) => new(Guid.NewGuid(), "f", "f/A/01", DateTime.UtcNow.AddDays(-daysAgo), "inspector",
            JsonSerializer.SerializeToElement(new { occupants }), [], []);

        var fuller = CellGrid.Build(Of(Cell(100, 3)), [Counted(10, 20), Counted(40, 2)], new FacilityStandards()).Single().Single();
        var emptier = CellGrid.Build(Of(Cell(100, 3)), [Counted(1, 2)], new FacilityStandards()).Single().Single();

        Assert.Equal((40, 2.5m, "below"), (fuller.CountedAtInspection, fuller.SquareMetresPerPerson, fuller.Band));
        Assert.Equal((null, 33.33m, "within"), (emptier.CountedAtInspection, emptier.SquareMetresPerPerson, emptier.Band));
    }
}
