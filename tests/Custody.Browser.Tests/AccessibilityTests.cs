using Custody.Web.Infrastructure;
using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>
/// WCAG 2.2 AA by axe-core on every page a user can open with the demo data, in English and
/// Spanish: no serious or critical violation. The pages reached only in the middle of a task (a
/// one-time link, the second step of signing in, a relative's request status) are checked in both
/// languages by the tests that walk those tasks (<see cref="Axe.AssertInBothLanguagesAsync"/>).
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string> Pages() => new()
    {
        // Every role's home page: its work queue.
        { Roles.TransferSupervisor, "/" },
        { Roles.EscortOfficer, "/" },
        { Roles.ReceptionOfficer, "/" },
        { Roles.CaseOfficer, "/" },
        { Roles.LegalReviewer, "/" },
        { Roles.FacilityDirector, "/" },
        { Roles.Inspector, "/" },
        { Roles.SendingFinanceOfficer, "/" },
        { Roles.ReceivingFinanceOfficer, "/" },
        { Roles.CourtUser, "/" },
        { Roles.Counsel, "/" },
        { Roles.Auditor, "/" },
        { Roles.Administrator, "/" },
        // The register and a person's pages.
        { Roles.CaseOfficer, "/People" },
        { Roles.CaseOfficer, "/People/Details/{held}" },
        { Roles.FacilityDirector, "/People/Article18/{held}" },
        { Roles.FacilityDirector, "/People/Complaints/{held}" },
        { Roles.FacilityDirector, "/People/Discipline/{held}" },
        { Roles.FacilityDirector, "/People/Hearings/{held}" },
        { Roles.FacilityDirector, "/People/Corrections/{held}" },
        { Roles.CaseOfficer, "/Screenings" },
        { Roles.CaseOfficer, "/Imports" },
        // Agreements and orders.
        { Roles.CaseOfficer, "/Agreements" },
        { Roles.CaseOfficer, "/Agreements/Details/us-sv-2025" },
        { Roles.CaseOfficer, "/Agreements/Compare/us-sv-2025" },
        { Roles.LegalReviewer, "/ClassOrders" },
        { Roles.CourtUser, "/Production" },
        { Roles.CourtUser, "/Production/Order/{held}" },
        // Transfers.
        { Roles.TransferSupervisor, "/Manifests" },
        { Roles.TransferSupervisor, "{manifest}" },
        // Facilities.
        { Roles.FacilityDirector, "/Facilities" },
        { Roles.FacilityDirector, "/Facilities/Register/sv-cecot" },
        { Roles.ReceptionOfficer, "{admit}" },
        { Roles.Inspector, "/Facilities/Inspections/sv-cecot" },
        { Roles.FacilityDirector, "/Notifications" },
        { Roles.FacilityDirector, "/Requests" },
        // Money, the ledger, accounts.
        { Roles.SendingFinanceOfficer, "/Invoices" },
        { Roles.Auditor, "/Ledger" },
        { Roles.Administrator, "/Accounts" },
        { Roles.Administrator, "/Accounts/Account?email=" + Uri.EscapeDataString(DemoSeeder.EmailFor(Roles.Inspector)) },
        { Roles.CaseOfficer, "/Account/Password" },
        { Roles.Inspector, "/Account/Enrol" },
        { Roles.CaseOfficer, "/Account/AccessDenied" },
        // The public's pages.
        { "", "/Locator" },
        { "", "/Statistics" },
        { "", "/Requests/New" },
        { "", "/Account/Login" },
        { "", "/Error" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoSeriousOrCriticalViolation_InEitherLanguage(string role, string path)
    {
        foreach (var locale in new[] { "en-US", "es-SV" })
        {
            var page = role.Length == 0 ? await browser.AnonymousPageAsync(locale) : await browser.SignedInPageAsync(role, locale);
            var response = await page.GotoAsync(await ResolveAsync(page, path));
            Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");

            await Axe.AssertNoSeriousViolationAsync(page, $"{(role.Length == 0 ? "public" : role)}{Name(path)}.{locale}");
            await page.Context.CloseAsync();
        }
    }

    private static string Name(string path) => new([.. path.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);

    /// <summary>
    /// Placeholders for what only the data knows: {held} is DEMO-HELD-1's id, {manifest} the first
    /// manifest the list links to, {admit} the admission form of the first person awaiting admission.
    /// </summary>
    private static async Task<string> ResolveAsync(IPage page, string path)
    {
        if (path.Contains("{held}", StringComparison.Ordinal))
        {
            await page.GotoAsync("/People?q=DEMO-HELD-1");
            var details = (await page.Locator("a[href^='/People/Details/']").First.GetAttributeAsync("href"))!;
            return path.Replace("{held}", details["/People/Details/".Length..], StringComparison.Ordinal);
        }
        switch (path)
        {
            case "{manifest}":
                await page.GotoAsync("/Manifests");
                return (await page.Locator("a[href^='/Manifests/Details/']").First.GetAttributeAsync("href"))!;
            case "{admit}":
                await page.GotoAsync("/");
                await page.Locator("#work-queue [data-kind=awaiting-admission] a").ClickAsync();
                return (await page.Locator("a.admit").First.GetAttributeAsync("href"))!;
            default:
                return path;
        }
    }
}
