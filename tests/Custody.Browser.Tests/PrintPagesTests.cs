using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>
/// The pages people print (an invoice, the art. 18 information, a manifest's reconciliation, the
/// register) print the content only, with a stamp of who printed them and when; each is also written
/// as a PDF to TestResults/screenshots for a reviewer.
/// </summary>
public sealed class PrintPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string Output = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static TheoryData<string, string> Printed() => new()
    {
        { Roles.SendingFinanceOfficer, "invoice" },
        { Roles.FacilityDirector, "article-18" },
        { Roles.TransferSupervisor, "manifest" },
        { Roles.FacilityDirector, "register" },
    };

    [Theory]
    [MemberData(nameof(Printed))]
    public async Task PrintedPage_ShowsTheContentAndWhoPrintedIt_NotTheNavigationOrForms(string role, string what)
    {
        var page = await browser.SignedInPageAsync(role);
        await page.GotoAsync(await PathAsync(page, what));
        await Assertions.Expect(page.Locator("#print-stamp")).ToBeHiddenAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator("#print-stamp")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#print-stamp")).ToContainTextAsync(Custody.Web.Infrastructure.DemoSeeder.EmailFor(role));
        await Assertions.Expect(page.Locator("nav.site-nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("header").First).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("main form:visible").CountAsync());
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        Directory.CreateDirectory(Output);
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(Output, $"print-{what}.pdf"), Format = "A4" });
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
    }

    private static async Task<string> PathAsync(IPage page, string what)
    {
        switch (what)
        {
            case "invoice":
                var month = DateTimeOffset.UtcNow.AddMonths(-2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                return $"/Invoices?agreement=us-sv-2025&month={month}";
            case "article-18":
                await page.GotoAsync("/Facilities/Register/sv-cecot");
                var person = await page.Locator("#held tr[data-person=DEMO-HELD-1] a[href^='/People/Details/']").First.GetAttributeAsync("href");
                return "/People/Article18/" + person!["/People/Details/".Length..];
            case "manifest":
                await page.GotoAsync("/Manifests");
                return (await page.Locator("main a", new() { HasText = "DA-104" }).First.GetAttributeAsync("href"))!;
            default:
                return "/Facilities/Register/sv-cecot";
        }
    }
}
