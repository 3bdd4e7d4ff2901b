using Custody.Web.Auth;
using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>The court's pages of the transparency issue, and the public statistics, in the browser.</summary>
public sealed class TransparencyPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Court_OrdersWhereaboutsFromThePersonPage_AndTheCustodianCannotDeclareWithoutAWelfareCheck()
    {
        var court = await browser.SignedInPageAsync(Roles.CourtUser);
        await court.ClickAsync("nav.site-nav >> text=People");
        await court.FillAsync("input[name=q]", "Rosa");
        await court.ClickAsync("form.filters button[type=submit]");
        await court.ClickAsync("#people tbody tr a");
        await Assertions.Expect(court.Locator("#evidence-bundle-link")).ToBeVisibleAsync();

        await court.ClickAsync("#production-order-link");
        await court.FillAsync("#p-court", "Juzgado de Vigilancia");
        await court.FillAsync("#p-deadline", DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await court.ClickAsync("#production-order button[type=submit]");

        await Assertions.Expect(court.Locator("#production-requests")).ToContainTextAsync("Juzgado de Vigilancia");
        var director = await browser.SignedInPageAsync(Roles.FacilityDirector);
        await director.ClickAsync("nav.site-nav >> text=Production requests");
        await director.ClickAsync("#production-requests tbody tr:has-text('Juzgado de Vigilancia') button[type=submit]");
        await Assertions.Expect(director.Locator(".errors")).ToContainTextAsync("welfareCheck");
    }

    [Fact]
    public async Task Public_StatisticsPage_WithoutSigningIn_InSpanish_CitesItsCheckpoint()
    {
        var page = await browser.AnonymousPageAsync("es-ES");

        await page.GotoAsync("/Statistics");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Estadísticas públicas");
        await Assertions.Expect(page.Locator("#statistics-facilities")).ToContainTextAsync("sv-cecot");
        await Assertions.Expect(page.Locator("#statistics-facilities")).ToContainTextAsync("menos de 5");
        await Assertions.Expect(page.Locator("#statistics-checkpoint a")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/checkpoints/[0-9]+$"));
    }
}
