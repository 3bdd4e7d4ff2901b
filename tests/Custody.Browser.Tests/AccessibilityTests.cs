using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>
/// WCAG 2.2 AA by axe-core on the main pages, in English and Spanish: no serious or critical
/// violation. Each page's screenshot is written to TestResults/screenshots (not committed) for a reviewer.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static TheoryData<string, string> Pages() => new()
    {
        { Roles.TransferSupervisor, "/" },
        { Roles.ReceptionOfficer, "/" },
        { Roles.CaseOfficer, "/People" },
        { Roles.CaseOfficer, "person" },
        { Roles.TransferSupervisor, "/Manifests" },
        { Roles.TransferSupervisor, "manifest" },
        { Roles.FacilityDirector, "/Facilities" },
        { Roles.FacilityDirector, "/Facilities/Register/sv-cecot" },
        { Roles.SendingFinanceOfficer, "/Invoices" },
        { Roles.LegalReviewer, "/ClassOrders" },
        { Roles.Auditor, "/Ledger" },
        { Roles.CaseOfficer, "/Agreements" },
        { Roles.CaseOfficer, "/Agreements/Details/us-sv-2025" },
        { Roles.CaseOfficer, "/Imports" },
        { Roles.CaseOfficer, "/Screenings" },
        { Roles.CaseOfficer, "/Account/Password" },
        { Roles.FacilityDirector, "/Notifications" },
        { Roles.FacilityDirector, "/Requests" },
        { Roles.Inspector, "/Facilities/Inspections/sv-cecot" },
        { Roles.CourtUser, "/Production" },
        { Roles.Administrator, "/Accounts" },
        { Roles.SendingFinanceOfficer, "/" },
        { Roles.LegalReviewer, "/" },
        { "", "/Locator" },
        { "", "/Statistics" },
        { "", "/Requests/New" },
        { "", "/Account/Login" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoSeriousOrCriticalViolation_InEitherLanguage(string role, string path)
    {
        foreach (var locale in new[] { "en-US", "es-SV" })
        {
            var page = role.Length == 0 ? await browser.AnonymousPageAsync(locale) : await browser.SignedInPageAsync(role, locale);
            await page.GotoAsync(await ResolveAsync(page, path));

            var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });

            Directory.CreateDirectory(Screenshots);
            var name = $"{(role.Length == 0 ? "public" : role)}{path.Replace('/', '_')}.{locale}.png";
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name), FullPage = true });
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"{path} ({locale}):\n" + string.Join("\n", serious.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")));
            await page.Context.CloseAsync();
        }
    }

    /// <summary>"person" and "manifest" stand for the first of each the list page links to.</summary>
    private static async Task<string> ResolveAsync(IPage page, string path)
    {
        var (list, link) = path switch
        {
            "person" => ("/People", "a[href^='/People/Details/']"),
            "manifest" => ("/Manifests", "a[href^='/Manifests/Details/']"),
            _ => ((string?)null, ""),
        };
        if (list is null)
        {
            return path;
        }
        await page.GotoAsync(list);
        return (await page.Locator(link).First.GetAttributeAsync("href"))!;
    }
}
