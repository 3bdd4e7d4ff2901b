using Custody.Demo;
using Custody.Web.Auth;
using Microsoft.Playwright;

namespace Custody.Browser.Tests;

public sealed class RegisterPagesSpanishTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ReceptionOfficer_AdmitsAHandedOverPerson_AndAssignsACell_InTheSpanishUi()
    {
        var id = "ES-" + Guid.NewGuid().ToString("N")[..8];
        var page = await browser.SignedInPageAsync(Roles.ReceptionOfficer, "es-ES");
        await browser.HandOverAsync(EligiblePerson.Create(id, "Lucía", "Ramírez", withContacts: false));

        await page.ClickAsync("nav.site-nav >> text=Establecimientos");
        await page.ClickAsync("#facilities >> text=Centro de Confinamiento del Terrorismo (CECOT)");
        await Assertions.Expect(page.Locator("h2").Nth(1)).ToHaveTextAsync("Pendientes de ingreso");
        await page.ClickAsync($"#awaiting tr[data-person='{id}'] a.admit");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Ingreso");

        // Submitting with nothing filled in names every missing field.
        await page.ClickAsync("#admit-form button[type=submit]");
        await Assertions.Expect(page.Locator("#errors li")).ToHaveCountAsync(9);
        foreach (var field in Custody.Facilities.Admission.RequiredFields)
        {
            if (field == "complaintsOfIllTreatment")
            {
                await page.SelectOptionAsync($"fieldset[data-field='{field}'] select", "declined");
            }
            else
            {
                await page.FillAsync($"fieldset[data-field='{field}'] textarea", "Consta en el acta de entrega");
            }
        }
        await page.ClickAsync("#admit-form button[type=submit]");

        var row = page.Locator($"#held tr[data-person='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("Lucía Ramírez");
        await row.Locator(".assign-form input[name=cellId]").FillAsync("sv-cecot/H/32");
        await row.Locator(".assign-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator($"#held tr[data-person='{id}'] td.cell")).ToContainTextAsync("sv-cecot/H/32");
        await Assertions.Expect(page.Locator("#cells-table")).ToContainTextAsync("sv-cecot/H/32");
        Assert.Equal(0, await page.Locator(".errors li:visible").CountAsync());
        if (Environment.GetEnvironmentVariable("CUSTODY_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "register-es.png"), FullPage = true });
        }
    }
}
