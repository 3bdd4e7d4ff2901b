using Custody.Web.Auth;
using Microsoft.Playwright;
using OtpNet;

namespace Custody.Browser.Tests;

/// <summary>
/// In the browser: an administrator creates an account, its holder sets a password through the
/// one-time link, enrols an authenticator (TOTP), and from then on signs in with password and code.
/// </summary>
public sealed class AccountPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AHolder_SetsAPassword_EnrolsAnAuthenticator_AndThenSignsInWithACode()
    {
        var email = $"holder-{Guid.NewGuid():N}@gov.example";
        const string password = "Holder-Chosen-Pass-7!";
        var admin = await browser.SignedInPageAsync(Roles.Administrator);
        await admin.ClickAsync("nav.site-nav >> text=Accounts");
        await admin.FillAsync("#a-email", email);
        await admin.FillAsync("#a-name", "Holder");
        await admin.CheckAsync($"input[name=roles][value={Roles.Inspector}]");
        await admin.FillAsync("#a-reason", "new monitor");
        await admin.ClickAsync("#create-account button[type=submit]");
        var link = await admin.Locator("#set-password-link").InnerTextAsync();

        var holder = await browser.AnonymousPageAsync();
        await holder.GotoAsync(link);
        await Axe.AssertInBothLanguagesAsync(holder, "public_Account_SetPassword");
        await holder.FillAsync("#password", password);
        await holder.FillAsync("#confirm", password);
        await holder.ClickAsync("#set-password button[type=submit]");
        await Assertions.Expect(holder.Locator("#password-set")).ToBeVisibleAsync();
        await SignInAsync(holder, email, password);
        await holder.WaitForURLAsync(browser.BaseUrl + "/");
        await holder.ClickAsync("#enrol-link");
        var key = (await holder.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await Assertions.Expect(holder.Locator("#qr")).ToBeVisibleAsync();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        await holder.FillAsync("#code", totp.ComputeTotp(DateTime.UtcNow));
        await holder.ClickAsync("#enrol button[type=submit]");
        await Assertions.Expect(holder.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Axe.AssertNoSeriousViolationAsync(holder, "inspector_Account_Enrol_recovery-codes.en");
        await holder.ClickAsync("header form button[type=submit]"); // sign out

        await SignInAsync(holder, email, password);
        await holder.WaitForURLAsync(url => url.Contains("/Account/SecondFactor", StringComparison.Ordinal));
        await Axe.AssertInBothLanguagesAsync(holder, "public_Account_SecondFactor");
        // The code of the next 30-second step: the current one was spent by the enrolment.
        await holder.FillAsync("#code", totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await holder.ClickAsync("#second-factor button[type=submit]");

        await holder.WaitForURLAsync(browser.BaseUrl + "/");
        await Assertions.Expect(holder.Locator("main")).ToContainTextAsync(email);
        await Assertions.Expect(holder.Locator("#enrol-link")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AHolder_ChangesTheirPasswordInSpanish_AndSignsInAgainWithTheNewOne()
    {
        var email = $"cambio-{Guid.NewGuid():N}@gov.example";
        const string first = "Primera-Contrasena-Larga-1";
        const string second = "otra frase de palabras sueltas";
        var admin = await browser.SignedInPageAsync(Roles.Administrator);
        await admin.ClickAsync("nav.site-nav >> text=Accounts");
        await admin.FillAsync("#a-email", email);
        await admin.FillAsync("#a-name", "Cambio");
        await admin.CheckAsync($"input[name=roles][value={Roles.Auditor}]");
        await admin.FillAsync("#a-reason", "new auditor");
        await admin.ClickAsync("#create-account button[type=submit]");
        var link = await admin.Locator("#set-password-link").InnerTextAsync();
        var holder = await browser.AnonymousPageAsync("es-ES");
        await holder.GotoAsync(link);
        await holder.FillAsync("#password", first);
        await holder.FillAsync("#confirm", first);
        await holder.ClickAsync("#set-password button[type=submit]");
        await Assertions.Expect(holder.Locator("#password-set")).ToBeVisibleAsync();
        await SignInAsync(holder, email, first);
        await holder.WaitForURLAsync(browser.BaseUrl + "/");

        await holder.ClickAsync("#change-password-link");
        await Assertions.Expect(holder.Locator("h1")).ToHaveTextAsync("Cambiar su contraseña");
        await holder.FillAsync("#current", first);
        await holder.FillAsync("#password", second);
        await holder.FillAsync("#confirm", second);
        await holder.ClickAsync("#change-password button[type=submit]");

        await Assertions.Expect(holder.Locator("#password-changed")).ToContainTextAsync("Su contraseña ha cambiado");
        await SignInAsync(holder, email, second);
        await holder.WaitForURLAsync(browser.BaseUrl + "/");
        await Assertions.Expect(holder.Locator("main")).ToContainTextAsync(email);
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("form.form button[type=submit]");
    }
}
