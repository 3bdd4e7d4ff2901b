using Custody.Web.Auth;
using Microsoft.Playwright;

namespace Custody.Browser.Tests;

public sealed class ManifestPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{

    [Fact]
    public async Task Supervisor_LocksAManifest_AndTwoOfficialsCompleteTheHandOver()
    {
        var id = "UI-" + Guid.NewGuid().ToString("N")[..8];
        var supervisor = await browser.SignedInPageAsync(Roles.TransferSupervisor);
        await browser.ImportPeopleAsync(Custody.Demo.EligiblePerson.Create(id, "Rosa", "Martínez", "1989-05-05", withContacts: false));

        await supervisor.ClickAsync("nav.site-nav >> text=Manifests");
        await supervisor.FillAsync("#m-carrier", "UI Air");
        await supervisor.FillAsync("#m-movement", id);
        await supervisor.SelectOptionAsync("#m-origin", "us-processing-centre");
        await supervisor.SelectOptionAsync("#m-destination", "sv-cecot");
        await supervisor.FillAsync("#m-departure", DateTimeOffset.UtcNow.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        await supervisor.ClickAsync("#create-manifest button[type=submit]");
        await Assertions.Expect(supervisor.Locator("#manifest-status")).ToHaveTextAsync("Draft");
        var manifestUrl = supervisor.Url;
        await supervisor.FillAsync("#add-external", id);
        await supervisor.ClickAsync("#add-person button[type=submit]");
        await Assertions.Expect(supervisor.Locator($"tr[data-person='{id}']")).ToContainTextAsync("Listed");
        await supervisor.ClickAsync("#lock");
        // Locking cannot be undone: the modal says what it does, and only its confirm button locks.
        await Assertions.Expect(supervisor.Locator("#confirm-modal-description")).ToContainTextAsync("Its list is then fixed");
        await Assertions.Expect(supervisor.Locator("#manifest-status")).ToHaveTextAsync("Draft");
        await supervisor.ClickAsync("#confirm-modal-ok");
        await Assertions.Expect(supervisor.Locator("#manifest-status")).ToHaveTextAsync("Locked");
        await Assertions.Expect(supervisor.Locator("#life-cycle [aria-current=step]")).ToHaveAttributeAsync("data-step", "locked");
        await Assertions.Expect(supervisor.Locator("#life-cycle .usa-step-indicator__segment--complete")).ToHaveCountAsync(1);

        var escort = await browser.SignedInPageAsync(Roles.EscortOfficer);
        await escort.GotoAsync(manifestUrl);
        var row = escort.Locator($"tr[data-person='{id}']");
        await row.Locator("input[name=identifier]").FillAsync("A" + id);
        await row.Locator(".board-form button[type=submit]").ClickAsync();
        await Assertions.Expect(escort.Locator($"tr[data-person='{id}'] .person-status")).ToContainTextAsync("Boarded");

        await supervisor.ReloadAsync();
        await supervisor.ClickAsync("#depart");
        await Assertions.Expect(supervisor.Locator("#manifest-status")).ToHaveTextAsync("Departed");

        await escort.ReloadAsync();
        await escort.ClickAsync("#arrive");
        await Assertions.Expect(escort.Locator("#manifest-status")).ToHaveTextAsync("Arrived");
        await escort.ClickAsync($"tr[data-person='{id}'] button.dispatch");
        await Assertions.Expect(escort.Locator("#confirm-modal-description")).ToContainTextAsync("cannot be withdrawn");
        await escort.ClickAsync("#confirm-modal-ok");
        await Assertions.Expect(escort.Locator($"tr[data-person='{id}'] .person-status")).ToContainTextAsync("Dispatched");

        var reception = await browser.SignedInPageAsync(Roles.ReceptionOfficer);
        await reception.GotoAsync(manifestUrl);
        await reception.ClickAsync($"tr[data-person='{id}'] button.receive");
        await reception.ClickAsync("#confirm-modal-ok");
        await Assertions.Expect(reception.Locator($"tr[data-person='{id}'] .person-status")).ToContainTextAsync("Handed over");
        await Assertions.Expect(reception.Locator("#count-handed-over")).ToHaveTextAsync("1");
        await reception.ReloadAsync();
        await Assertions.Expect(reception.Locator("#life-cycle .usa-step-indicator__segment--complete")).ToHaveCountAsync(5);
        Assert.Equal(0, await reception.Locator(".errors li:visible").CountAsync());

        // The public locator, in Spanish, finds her at the receiving prison, held on behalf of the sending state.
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "es-ES", BaseURL = browser.BaseUrl });
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync("/Locator");
        await visitor.FillAsync("#l-given", "rosa");
        await visitor.FillAsync("#l-family", "MARTINEZ");
        await visitor.FillAsync("#l-country", "SV");
        await visitor.ClickAsync("#locator-form button[type=submit]");
        await Assertions.Expect(visitor.Locator("#locator-results")).ToContainTextAsync("Centro de Confinamiento del Terrorismo");
        await Assertions.Expect(visitor.Locator("#locator-results")).ToContainTextAsync("Detenido por cuenta de Estados Unidos");
        if (Environment.GetEnvironmentVariable("CUSTODY_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await reception.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "manifest.png"), FullPage = true });
            await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "locator.png"), FullPage = true });
        }
    }
}
