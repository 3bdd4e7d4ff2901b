using Custody.Demo;
using Custody.Web.Auth;
using Microsoft.Playwright;

namespace Custody.Browser.Tests;

/// <summary>A relative, in Spanish and without an account, asks where a person is; the custodian answers; the relative reads it through the link.</summary>
public sealed class InformationRequestPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Relative_FilesARequestInSpanish_TheCustodianAnswers_AndTheRelativeReadsIt()
    {
        var id = "ART18-" + Guid.NewGuid().ToString("N")[..8];
        await browser.HandOverAsync(EligiblePerson.Create(id, "Rosa", "Menjívar"));
        var relative = await browser.AnonymousPageAsync("es-ES");

        await relative.GotoAsync("/Requests/New");
        await Assertions.Expect(relative.Locator("h1")).ToHaveTextAsync("Solicitar información sobre una persona");
        await relative.ClickAsync("#request-form button[type=submit]");
        await relative.FillAsync("#q-name", "Ana Menjívar");
        await relative.FillAsync("#q-relationship", "hermana");
        await relative.FillAsync("#q-contact", "+503 7111 1111");
        await relative.FillAsync("#q-identifier", "A" + id);
        await relative.FillAsync("#q-country", "SV");
        await relative.ClickAsync("#request-form button[type=submit]");
        await Assertions.Expect(relative.Locator("#request-filed")).ToContainTextAsync("Hemos recibido su solicitud");
        var reference = await relative.Locator("#request-reference").InnerTextAsync();
        var link = await relative.Locator("#status-link").GetAttributeAsync("href");
        await relative.GotoAsync(link!);
        await Assertions.Expect(relative.Locator("#request-status")).ToContainTextAsync("En espera de la respuesta del custodio");
        await Axe.AssertInBothLanguagesAsync(relative, "public_Requests_Status");

        var reception = await browser.SignedInPageAsync(Roles.ReceptionOfficer, "es-ES");
        await reception.GotoAsync("/Requests");
        var row = reception.Locator("#information-requests tr", new PageLocatorOptions { HasText = reference });
        await row.Locator("button.answer").ClickAsync();
        await Assertions.Expect(reception.Locator("#information-requests tr", new PageLocatorOptions { HasText = reference })).ToHaveCountAsync(0);

        await relative.GotoAsync(link!);
        await Assertions.Expect(relative.Locator("#request-status")).ToContainTextAsync("respondida");
        await Assertions.Expect(relative.Locator("#answer-information")).ToContainTextAsync("Centro de Confinamiento del Terrorismo");
        await Axe.AssertInBothLanguagesAsync(relative, "public_Requests_Status_answered");
    }
}
