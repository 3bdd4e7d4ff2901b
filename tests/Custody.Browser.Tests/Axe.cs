using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>
/// WCAG 2.2 AA by axe-core on the page as it stands: no serious or critical violation. Each page
/// checked leaves a screenshot in TestResults/screenshots (not committed) for a reviewer.
/// </summary>
public static class Axe
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task AssertNoSeriousViolationAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });

        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name} ({page.Url}):\n" + string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>
    /// For pages reached only in the middle of a task (a one-time link, the second step of signing
    /// in): checks the page, then the same page in the other language through the header's language
    /// switch, and switches back.
    /// </summary>
    public static async Task AssertInBothLanguagesAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var language = await page.Locator("html").GetAttributeAsync("lang") ?? "en";
        var other = language == "es" ? "en" : "es";
        var here = new Uri(page.Url).PathAndQuery;
        await AssertNoSeriousViolationAsync(page, $"{name}.{language}");

        await page.GotoAsync($"/language/{other}?returnUrl={Uri.EscapeDataString(here)}");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", other);
        await AssertNoSeriousViolationAsync(page, $"{name}.{other}");

        await page.GotoAsync($"/language/{language}?returnUrl={Uri.EscapeDataString(here)}");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }
}
