using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>
/// The work queue as each role meets it with the demo data, and the public locator on a phone. Read
/// only: the tests that act on the demo's work have a fixture of their own
/// (<see cref="WorkQueueActionPagesTests"/>), so the counts here do not depend on the order tests run in.
/// </summary>
public sealed class WorkQueuePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
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
