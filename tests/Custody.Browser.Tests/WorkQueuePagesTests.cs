using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>The work queue as its users meet it, and the public locator on a phone.</summary>
public sealed class WorkQueuePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Supervisor_SeesTheDemoManifestToLock_AndLocksItByKeyboardOnly()
    {
        var page = await browser.SignedInPageAsync(Roles.TransferSupervisor);

        var card = page.Locator("[data-kind=manifests-to-lock]");
        await Assertions.Expect(card.Locator(".work-count__number")).ToHaveTextAsync("1");
        // Keyboard only: the skip link first, then into the content and on to the card's link.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".usa-skipnav")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var link = card.Locator("a");
        await TabToAsync(page, link);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(browser.BaseUrl + "/Manifests");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Manifests");

        // On to the demo's draft, and lock it through the confirmation, still by keyboard.
        await TabToAsync(page, page.Locator("main a", new() { HasText = "DA-101" }).First);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Manifests/Details/"));
        await TabToAsync(page, page.Locator("#lock"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#confirm-modal-description")).ToBeVisibleAsync();
        await TabToAsync(page, page.Locator("#confirm-modal-ok"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#manifest-status")).ToHaveTextAsync("Locked");
    }

    /// <summary>Presses Tab until the element has the focus (at most 60 times), as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 60 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Assertions.Expect(target).ToBeFocusedAsync();
    }

    public static TheoryData<string, string, string> DemoWork() => new()
    {
        { Roles.ReceptionOfficer, "arrived-not-received", "2" },   // DA-104 landed, nobody handed over yet
        { Roles.ReceptionOfficer, "awaiting-admission", "2" },     // the two demo arrivals
        { Roles.FacilityDirector, "not-seen", "1" },               // DEMO-HELD-6, never seen by a monitor
        { Roles.FacilityDirector, "cells-below-standard", "1" },   // A-02, counted at 158 by the inspection
        { Roles.Inspector, "overdue-inspection-actions", "1" },    // the follow-up of the A-02 inspection
        { Roles.SendingFinanceOfficer, "open-disputes", "1" },     // the month before last's invoice
        { Roles.ReceivingFinanceOfficer, "open-disputes", "1" },
        { Roles.EscortOfficer, "must-disembark", "1" },
        { Roles.TransferSupervisor, "manifests-to-lock", "1" },    // DA-101, still a draft
        { Roles.CourtUser, "open-production-requests", "1" },      // where DEMO-HELD-3 is held, due in three days
        { Roles.LegalReviewer, "unverified-court-orders", "1" },   // the order reported for DEMO-HELD-5
        { Roles.CaseOfficer, "unverified-court-orders", "1" },
    };

    [Theory]
    [MemberData(nameof(DemoWork))]
    public async Task EachRole_SeesTheDemoDatasWork_InItsQueue(string role, string kind, string count)
    {
        var page = await browser.SignedInPageAsync(role);

        await Assertions.Expect(page.Locator($"#work-queue [data-kind={kind}] .work-count__number")).ToHaveTextAsync(count);
    }

    [Fact]
    public async Task Supervisor_ResolvesTheMustDisembarkAlert_FromTheQueueToTheGate()
    {
        var page = await browser.SignedInPageAsync(Roles.TransferSupervisor);

        var card = page.Locator("#work-queue [data-kind=must-disembark]");
        await Assertions.Expect(card.Locator(".work-count__number")).ToHaveTextAsync("1");
        await card.Locator("a").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Manifests/Details/"));
        var row = page.Locator("tr[data-person=DEMO-FLT-1]");
        await Assertions.Expect(row.Locator("td.alert")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-person=DEMO-FLT-2] td.alert")).ToHaveCountAsync(0);

        await row.Locator("input[name=reason]").FillAsync("Stay of removal from the Fifth Circuit");
        await row.Locator("button", new() { HasText = "Disembark" }).ClickAsync();

        await Assertions.Expect(page.Locator("tr[data-person=DEMO-FLT-1] td.alert")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("tr[data-person=DEMO-FLT-1] .person-status")).ToContainTextAsync("Disembarked");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#work-queue [data-kind=must-disembark]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-kind=must-disembark] a")).ToBeVisibleAsync(); // listed under nothing waiting
    }

    [Fact]
    public async Task Locator_FitsA375PixelPhone()
    {
        var page = await browser.AnonymousPageAsync();
        await page.SetViewportSizeAsync(375, 740);

        await page.GotoAsync("/Locator");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "The locator scrolls sideways at 375 px.");
        var box = await page.Locator("main button[type=submit]").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"The search button lies outside the screen: {box.X}+{box.Width}.");
    }
}
