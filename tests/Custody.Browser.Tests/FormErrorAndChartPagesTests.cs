using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>
/// A refused form shows its errors beside the fields of the form that was sent (and in the summary);
/// every chart of the register has its figures as a table; times are the reader's, with the zone named.
/// </summary>
public sealed class FormErrorAndChartPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Register_ACellOfAnotherPrison_IsRefusedBesideThatRowsField_AndNoOtherRow()
    {
        var page = await browser.SignedInPageAsync(Roles.ReceptionOfficer);
        await page.GotoAsync("/Facilities/Register/sv-cecot");
        var row = page.Locator("#held tr[data-person=DEMO-HELD-2]");
        await row.Locator("input[name=cellId]").FillAsync("sv-izalco/Norte/01");

        await row.Locator(".assign-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#errors")).ToContainTextAsync("cellId");
        var field = page.Locator("#held tr[data-person=DEMO-HELD-2] input[name=cellId]");
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        var message = page.Locator("#" + (await field.GetAttributeAsync("aria-describedby"))!.Split(' ')[^1]);
        await Assertions.Expect(message).ToBeVisibleAsync();
        await Assertions.Expect(message).ToHaveClassAsync("usa-error-message");
        Assert.Equal(1, await page.Locator("#held input[aria-invalid=true]").CountAsync());
        Assert.Equal(1, await page.Locator("#held .usa-error-message").CountAsync());
        // Nothing changed: the person is still in the cell the demo gave them.
        await page.GotoAsync("/Facilities/Register/sv-cecot");
        await Assertions.Expect(page.Locator("#held tr[data-person=DEMO-HELD-2] td.cell")).ToContainTextAsync("sv-cecot/A/01");
        Assert.Equal(0, await page.Locator(".usa-error-message").CountAsync());
    }

    [Fact]
    public async Task Register_ChartsHaveTheirFiguresAsTables_AndTimesNameTheFacilitysZone()
    {
        var page = await browser.SignedInPageAsync(Roles.FacilityDirector, "es-SV");
        await page.GotoAsync("/Facilities/Register/sv-cecot");

        var days = page.Locator("#occupancy-over-time tbody tr");
        Assert.Equal(31, await days.CountAsync());
        var held = await page.Locator("#occupants").InnerTextAsync();
        await page.Locator("figure:has(#occupancy-over-time) summary").ClickAsync();
        await Assertions.Expect(days.Last.Locator("td").First).ToHaveTextAsync(held);
        // Ten weeks into the demo everybody held was admitted before the chart's first day.
        await Assertions.Expect(days.First.Locator("td").First).ToHaveTextAsync(held);
        await page.Locator("figure:has(#space-per-person) summary").ClickAsync();
        Assert.Equal(3, await page.Locator("#space-per-person tbody tr").CountAsync()); // the demo's three occupied cells

        // El Salvador keeps UTC−6 all year; the time is written as Spanish writes it.
        var admitted = page.Locator("#held tr[data-person=DEMO-HELD-1] time").First;
        await Assertions.Expect(admitted).ToContainTextAsync("UTC−06:00");
        await Assertions.Expect(admitted).ToHaveAttributeAsync("title", "America/El_Salvador");
        var iso = DateTime.Parse((await admitted.GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal);
        await Assertions.Expect(admitted).ToHaveTextAsync($"{iso.AddHours(-6).ToString("g", new System.Globalization.CultureInfo("es"))} UTC−06:00");
    }

    [Fact]
    public async Task Invoices_TheSpendChartHasItsFiguresAsATable()
    {
        var page = await browser.SignedInPageAsync(Roles.SendingFinanceOfficer);
        await page.GotoAsync("/Invoices");

        var months = page.Locator("#spend tbody tr");
        Assert.Equal(1, await months.CountAsync());
        var issued = await page.Locator("#issued tbody tr").First.Locator("td").Nth(1).InnerTextAsync();
        await page.Locator("figure:has(#spend) summary").ClickAsync();
        Assert.Contains((await months.First.Locator("td").First.InnerTextAsync()).Trim(), issued, StringComparison.Ordinal);
    }
}
