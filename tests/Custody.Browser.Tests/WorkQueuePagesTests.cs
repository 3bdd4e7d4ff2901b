using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>The work queue as its users meet it, and the public locator on a phone.</summary>
public sealed class WorkQueuePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Supervisor_SeesTheDemoManifestToLock_AndReachesTheBoardByKeyboard()
    {
        var page = await browser.SignedInPageAsync(Roles.TransferSupervisor);

        var card = page.Locator("[data-kind=manifests-to-lock]");
        await Assertions.Expect(card.Locator(".work-count__number")).ToHaveTextAsync("1");
        // Keyboard only: the skip link first, then into the content and on to the card's link.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".usa-skipnav")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var link = card.Locator("a");
        for (var i = 0; i < 10 && !await link.EvaluateAsync<bool>("a => a === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Assertions.Expect(link).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(browser.BaseUrl + "/Manifests");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Manifests");
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
