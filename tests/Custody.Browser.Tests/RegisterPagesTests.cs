using Custody.Web.Auth;
using Microsoft.Playwright;

namespace Custody.Browser.Tests;

public sealed class RegisterPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task People_SearchAndOpenAPerson_ShowsFactsAndHistory()
    {
        var page = await browser.SignedInPageAsync(Roles.CaseOfficer);

        await page.ClickAsync("nav.site-nav >> text=People");
        Assert.Equal(50, await page.Locator("#people tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator(".errors li:visible").CountAsync());
        await page.FillAsync("input[name=q]", "menjivar");
        await page.ClickAsync("form.filters button[type=submit]");
        Assert.Equal(1, await page.Locator("#people tbody tr").CountAsync());
        await page.ClickAsync("#people tbody tr a");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Menjívar Cruz, Julio");
        await Assertions.Expect(page.Locator("#fact-protections + table")).ToContainTextAsync("withholding-of-removal");
        await Assertions.Expect(page.Locator("#ledger-history")).ToContainTextAsync("person.registered");
        await Assertions.Expect(page.Locator("#ledger-history")).ToContainTextAsync("access.person-viewed");
        if (Environment.GetEnvironmentVariable("CUSTODY_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "person.png"), FullPage = true });
            await page.GotoAsync("/People");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "people.png") });
        }
    }

    [Fact]
    public async Task ClassOrders_LegalReviewerVerifiesAnImportedOrder_ItBecomesTheCourtsRecord()
    {
        var page = await browser.SignedInPageAsync(Roles.LegalReviewer);
        await page.GotoAsync("/ClassOrders");
        var row = page.Locator("#class-orders tr[data-order='CO-1']");
        await Assertions.Expect(row.Locator("td.record")).ToHaveTextAsync("Imported, not verified");

        await row.Locator("button:text('Verify')").ClickAsync();

        row = page.Locator("#class-orders tr[data-order='CO-1']");
        await Assertions.Expect(row.Locator("td.record")).ToContainTextAsync("The court's record");
        Assert.Equal(0, await row.Locator("button:text('Verify')").CountAsync());
    }

    [Fact]
    public async Task People_FilterByKindOfFact_ListsOnlyThosePeople()
    {
        var page = await browser.SignedInPageAsync(Roles.LegalReviewer);
        await page.GotoAsync("/People");

        await page.SelectOptionAsync("select[name=fact]", "courtOrders");
        await page.ClickAsync("form.filters button[type=submit]");

        var rows = page.Locator("#people tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row).ToContainTextAsync("Court orders");
        }
    }

    [Fact]
    public async Task Spanish_SwitchLanguage_TranslatesNavigationAndLabels()
    {
        var page = await browser.SignedInPageAsync(Roles.Inspector);

        // The switch answers with a redirect that sets the language cookie; wait for it before moving on.
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("text=Español"), r => r.Url.Contains("/language/es", StringComparison.Ordinal));
        await page.GotoAsync("/People");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Personas");
        await Assertions.Expect(page.Locator("nav.site-nav")).ToContainTextAsync("Acuerdos");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
    }

    [Fact]
    public async Task Ledger_AuditorVerifies_SeesTheResult()
    {
        var page = await browser.SignedInPageAsync(Roles.Auditor);

        await page.ClickAsync("nav.site-nav >> text=Ledger");
        await page.ClickAsync("main button[type=submit]");

        await Assertions.Expect(page.Locator("#verify-result")).ToContainTextAsync("Verified:");
    }

    [Fact]
    public async Task Import_InvalidFile_ListsErrorsByJsonPointer()
    {
        var page = await browser.SignedInPageAsync(Roles.CaseOfficer);
        await page.GotoAsync("/Imports");

        await page.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "bad.json",
            MimeType = "application/json",
            Buffer = """{"format":"custody.case-bundle/1","persons":[{"id":"X-1","names":{"given":"A"},"dateOfBirth":"1990-01-01","countryOfBirth":"SV","nationalities":["SV"],"languages":["es"]}]}"""u8.ToArray(),
        });
        await page.ClickAsync("main form button[type=submit]");

        await Assertions.Expect(page.Locator("#import-errors")).ToContainTextAsync("/persons/0/names");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("nothing was written");
    }

    [Fact]
    public async Task Navigation_RoleWithoutPeopleAccess_SeesNoPeopleLinkAndIsRefused()
    {
        var page = await browser.SignedInPageAsync(Roles.ReceivingFinanceOfficer);

        Assert.Equal(0, await page.Locator("nav.site-nav >> text=People").CountAsync());
        await page.GotoAsync("/People");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
    }

    [Fact]
    public async Task Screening_PersonPageInSpanish_ExplainsEachReasonAndLinksToTheFact()
    {
        var page = await browser.SignedInPageAsync(Roles.LegalReviewer, "es-ES");
        await page.GotoAsync("/People?q=Salazar");
        await page.ClickAsync("#people tbody tr a");

        await page.FillAsync("input[name=at]", "2025-03-20T12:00:00Z");
        await page.ClickAsync("#screening ~ form button[type=submit]");
        await page.WaitForURLAsync("**at=2025-03-20T12*");

        var decision = page.Locator("#screening-decision");
        await Assertions.Expect(decision.Locator(".outcome")).ToHaveTextAsync("Bloqueado");
        await Assertions.Expect(decision).ToContainTextAsync("El destino es un tercer país");
        // (other tests in this class may add facts for this person; these hold whatever they add)
        await Assertions.Expect(decision).ToContainTextAsync("third-country-notice-missing");
        await Assertions.Expect(decision).ToContainTextAsync("Categorías del acuerdo");
        await decision.Locator("a[href='#fact-notices']").ClickAsync();
        Assert.EndsWith("#fact-notices", page.Url, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("CUSTODY_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.GotoAsync(page.Url.Split('#')[0]);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "screening-es.png") });
        }
    }

    [Fact]
    public async Task Screening_RegisterPage_FiltersByReason()
    {
        var page = await browser.SignedInPageAsync(Roles.TransferSupervisor);
        await page.ClickAsync("nav.site-nav >> text=Screening");
        await page.FillAsync("input[name=at]", "2025-03-20T12:00:00Z");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync("**at=2025-03-20T12*");
        await Assertions.Expect(page.Locator("#screening-totals")).ToContainTextAsync($"{Custody.Web.Infrastructure.DemoSeeder.DemoPeople} screened");

        await page.ClickAsync("#reason-counts a:has-text('A granted protection covers the destination.')");
        await page.WaitForURLAsync("**reason=protection-covers-destination*");

        foreach (var row in await page.Locator("#decisions tbody tr").AllAsync())
        {
            await Assertions.Expect(row.Locator("[data-reason=protection-covers-destination]")).ToContainTextAsync("A granted protection covers the destination.");
        }
        if (Environment.GetEnvironmentVariable("CUSTODY_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "screenings.png") });
        }
    }

    [Fact]
    public async Task CourtOrder_EnteredVerifiedAndLiftedOnThePersonPage_ChangesTheDecisionEachTime()
    {
        var page = await browser.SignedInPageAsync(Roles.LegalReviewer);
        await page.GotoAsync("/People?q=Rivas");
        await page.ClickAsync("#people tbody tr a");
        await Assertions.Expect(page.Locator("#screening-decision .outcome")).ToHaveTextAsync("Eligible");

        await page.ClickAsync("text=Report a court order");
        await page.SelectOptionAsync("#order-kind", "stay-of-removal");
        await page.FillAsync("#order-court", "US Court of Appeals (9th Cir.)");
        await page.FillAsync("#order-issued", "2025-03-15T09:52:00-07:00");
        await page.FillAsync("#order-destinations", "SV");
        await page.ClickAsync("#court-order-form button[type=submit]");
        await page.WaitForURLAsync("**#entered-court-orders");

        await Assertions.Expect(page.Locator("#court-order-list .status")).ToHaveTextAsync("reported, not yet verified (blocks)");
        await Assertions.Expect(page.Locator("#screening-decision")).ToContainTextAsync("court-order-unverified");
        await Assertions.Expect(page.Locator("#screening-decision a[href='#entered-court-orders']")).ToHaveCountAsync(1);

        await page.ClickAsync("#court-order-list button:has-text('Verify')");
        await Assertions.Expect(page.Locator("#court-order-list .status")).ToHaveTextAsync("verified (blocks)");
        await Assertions.Expect(page.Locator("#screening-decision")).ToContainTextAsync("court-order-blocks-removal");

        await page.ClickAsync("#court-order-list button:has-text('Lift')");
        await Assertions.Expect(page.Locator("#court-order-list .status")).ToContainTextAsync("lifted");
        await Assertions.Expect(page.Locator("#screening-decision .outcome")).ToHaveTextAsync("Eligible");
        await Assertions.Expect(page.Locator("#ledger-history")).ToContainTextAsync("court-order.lifted");
    }

    [Fact]
    public async Task CourtOrder_InvalidForm_ShowsTheErrorBesideTheField()
    {
        var page = await browser.SignedInPageAsync(Roles.CaseOfficer);
        await page.GotoAsync("/People?q=Mendoza");
        await page.ClickAsync("#people tbody tr a");

        await page.ClickAsync("text=Report a court order");
        await page.FillAsync("#order-court", "D. Ct.");
        await page.FillAsync("#order-issued", "yesterday");
        await page.ClickAsync("#court-order-form button[type=submit]");

        await Assertions.Expect(page.Locator("#court-order-form")).ToContainTextAsync("RFC 3339");
        Assert.Equal(0, await page.Locator("#court-order-list").CountAsync());
    }

    [Fact]
    public async Task ClassOrders_CourtEntersAndLiftsAnOrder_OnThePage()
    {
        var page = await browser.SignedInPageAsync(Roles.CourtUser);
        await page.ClickAsync("nav.site-nav >> text=Class orders");
        await Assertions.Expect(page.Locator("#class-orders tr[data-order='CO-1']")).ToContainTextAsync("alien-enemies-act");

        await page.FillAsync("#co-id", "CO-BROWSER");
        await page.FillAsync("#co-court", "US District Court");
        await page.FillAsync("#co-description", "No third-country removals of New Zealand nationals (test; nobody in the demo register).");
        await page.FillAsync("#co-issued", "2025-03-19T00:00:00Z");
        await page.FillAsync("#co-nationalities", "NZ");
        await page.CheckAsync("input[name='Form.ThirdCountryOnly']");
        await page.ClickAsync("#class-order-form button[type=submit]");

        var row = page.Locator("#class-orders tr[data-order='CO-BROWSER']");
        await Assertions.Expect(row).ToContainTextAsync("NZ");
        await row.Locator("button:has-text('Lift')").ClickAsync();
        await Assertions.Expect(page.Locator("#class-orders tr[data-order='CO-BROWSER'] .lifted")).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task Facts_RecordedAndDecidedOnThePersonPage_WithWarningsShown()
    {
        var page = await browser.SignedInPageAsync(Roles.LegalReviewer);
        await page.GotoAsync("/People?q=Menjivar");
        await page.ClickAsync("#people tbody tr a");

        await page.ClickAsync("text=Record a fact");
        await page.SelectOptionAsync("#fact-kind", "notices");
        await page.FillAsync("#fact-country", "SV");
        await page.FillAsync("#fact-served", "2025-03-01T15:00:00Z");
        await page.FillAsync("#fact-language", "es");
        await page.ClickAsync("#fact-form button[type=submit]");
        await page.WaitForURLAsync("**#entered-facts");
        await Assertions.Expect(page.Locator("#fact-warnings")).ToContainTextAsync("counsel of record");

        await page.ClickAsync("text=Record a fact");
        await page.SelectOptionAsync("#fact-kind", "fearClaims");
        await page.FillAsync("#fact-country", "SV");
        await page.ClickAsync("#fact-form button[type=submit]");
        await page.WaitForURLAsync("**#entered-facts");
        await Assertions.Expect(page.Locator("#screening-decision")).ToContainTextAsync("fear-claim-pending");
        await Assertions.Expect(page.Locator("#screening-decision li[data-reason='fear-claim-pending'] a[href='#entered-facts']")).ToHaveCountAsync(1);

        var claim = page.Locator("#entered-fact-list tr[data-kind='fearClaims']");
        await claim.Locator("select[name=decision]").SelectOptionAsync("negative");
        await claim.Locator("button:has-text('Decide')").ClickAsync();
        await Assertions.Expect(page.Locator("#screening-decision")).ToContainTextAsync("reopen-window-open");
    }

    [Fact]
    public async Task Designation_ShowsWhyItIsNotValidated_UntilEvidenceAndASecondReviewer()
    {
        var page = await browser.SignedInPageAsync(Roles.LegalReviewer);
        await page.GotoAsync("/People?q=Salazar");
        await page.ClickAsync("#people tbody tr a");
        var designation = page.Locator(".designation[data-group='Tren de Aragua']");
        await Assertions.Expect(designation).ToContainTextAsync("not validated");
        await Assertions.Expect(designation).ToContainTextAsync("a second reviewer");

        await designation.Locator("select[name=kind]").SelectOptionAsync("court-finding");
        await designation.Locator("button:has-text('Add evidence')").ClickAsync();
        await page.WaitForURLAsync("**#entered-facts");
        await page.Locator(".designation[data-group='Tren de Aragua'] button:has-text('Review')").ClickAsync();
        await page.WaitForURLAsync("**#entered-facts");

        await Assertions.Expect(page.Locator(".designation[data-group='Tren de Aragua']")).ToContainTextAsync("validated");
        await Assertions.Expect(page.Locator(".designation[data-group='Tren de Aragua']")).Not.ToContainTextAsync("not validated");
    }
}
