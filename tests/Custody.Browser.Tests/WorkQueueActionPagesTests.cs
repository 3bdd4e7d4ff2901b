using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>
/// The supervisor acts on the demo's work from the queue: locks the draft by keyboard only, and takes
/// the stay's must-disembark alert to the gate. These change the demo data, so they have an app of
/// their own (the read-only counts are in <see cref="WorkQueuePagesTests"/>).
/// </summary>
public sealed class WorkQueueActionPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
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
}
