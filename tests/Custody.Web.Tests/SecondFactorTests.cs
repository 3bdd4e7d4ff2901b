using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Custody.Access;
using Custody.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Custody.Web.Tests;

/// <summary>Every account must sign in with a second factor (as outside development), on a clock the test moves.</summary>
public sealed class SecondFactorWebFactory : CustodyWebFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => Time;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Custody:SecondFactorRequired", "true");
    }
}

/// <summary>
/// A password alone never completes a sign-in once a second factor is required: the account enrols
/// an authenticator (TOTP) at its next sign-in, then every sign-in, on the page or for a token, asks
/// for a code that is accepted once, or a recovery code that is spent.
/// </summary>
public sealed partial class SecondFactorTests(SecondFactorWebFactory factory) : IClassFixture<SecondFactorWebFactory>
{
    private const string Password = "Holder-Chosen-Pass-1!";

    [Fact]
    public async Task APasswordAlone_LeadsToEnrolment_NotToASession_AndTheTokenEndpointRefusesIt()
    {
        var email = await NewAccountAsync(Roles.Inspector);
        var browser = factory.Anonymous();

        var afterPassword = await CustodyWebFactory.SignInFormAsync(browser, email, Password);
        var noSession = await browser.GetAsync("/Agreements");
        var token = await factory.Anonymous().PostAsJsonAsync("/api/auth/token", new { email, password = Password });

        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.StartsWith("/Account/Enrol", afterPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, noSession.StatusCode);
        Assert.Contains("/Account/Login", noSession.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Contains("must enrol a second factor first", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolment_StartsTheSession_ThenEachCodeIsAcceptedOnce_AndEachRecoveryCodeIsSpent()
    {
        var email = await NewAccountAsync(Roles.Inspector);
        var browser = factory.Anonymous();
        await CustodyWebFactory.SignInFormAsync(browser, email, Password);
        var enrolPage = await browser.GetStringAsync("/Account/Enrol");
        var key = KeyPattern().Match(enrolPage).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

        var wrong = await PostFormAsync(browser, "/Account/Enrol", enrolPage, ("code", "000000"));
        var enrolled = await PostFormAsync(browser, "/Account/Enrol", enrolPage, ("code", Code(key)));
        var codes = RecoveryPattern().Matches(enrolled).Select(m => m.Groups[1].Value).ToList();
        var session = await browser.GetAsync("/Agreements");
        var noCode = await TokenAsync(email, null, null);
        var sameStep = await TokenAsync(email, Code(key), null); // the step enrolment used: a replay
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        var nextStep = await TokenAsync(email, Code(key), null);
        var replayed = await TokenAsync(email, Code(key), null);
        var recovery = await TokenAsync(email, null, codes[0].ToLowerInvariant());
        var recoveryAgain = await TokenAsync(email, null, codes[0]);

        Assert.Contains("That is not the code your authenticator shows now", wrong, StringComparison.Ordinal);
        Assert.Equal(SecondFactor.RecoveryCodeCount, codes.Count);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.Contains("signs in with a second factor", await noCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, sameStep.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextStep.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, recoveryAgain.StatusCode);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
        var stored = await db.UserTokens.Where(t => t.LoginProvider == "Custody").Select(t => t.Value).ToListAsync();
        Assert.DoesNotContain(stored, v => codes.Any(c => v != null && v.Contains(c, StringComparison.OrdinalIgnoreCase)));
        var kinds = await db.LedgerEntries.Where(e => e.Kind.StartsWith("user.")).Select(e => e.Kind).ToListAsync();
        Assert.Contains("user.second-factor-enrolled", kinds);
        Assert.Contains("user.recovery-code-used", kinds);
        var verdict = await new Custody.Ledger.VerifyLedger(db).RunAsync();
        Assert.True(verdict.Ok, verdict.ToString());
    }

    [Fact]
    public async Task AnEnrolledAccount_SignsInOnThePage_WithItsCode_AndAResetMakesItEnrolAgain()
    {
        var email = await NewAccountAsync(Roles.Auditor);
        var key = await EnrolAsync(email);
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        var browser = factory.Anonymous();

        var afterPassword = await CustodyWebFactory.SignInFormAsync(browser, email, Password);
        var form = await browser.GetStringAsync("/Account/SecondFactor?returnUrl=%2FLedger");
        var wrong = await PostFormAsync(browser, "/Account/SecondFactor", form, ("code", "123456"), ("ReturnUrl", "/Ledger"));
        var right = await PostFormRawAsync(browser, "/Account/SecondFactor", form, ("code", Code(key)), ("ReturnUrl", "/Ledger"));
        var ledger = await browser.GetAsync("/Ledger");
        await ResetAsync(email);
        var afterReset = await CustodyWebFactory.SignInFormAsync(factory.Anonymous(), email, Password);

        Assert.StartsWith("/Account/SecondFactor", afterPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("That code is not right", wrong, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Ledger", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        Assert.StartsWith("/Account/Enrol", afterReset.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(factory.Time.GetUtcNow().UtcDateTime);

    // As an administrator would: the account, then its holder setting a password through the link.
    private async Task<string> NewAccountAsync(string role)
    {
        var email = $"mfa-{Guid.NewGuid():N}@gov.example";
        using var scope = factory.Services.CreateScope();
        var link = await scope.ServiceProvider.GetRequiredService<Custody.Access.CreateAccount>().HandleAsync(email, "", [role], "test", "cli:test");
        Assert.True((await scope.ServiceProvider.GetRequiredService<Custody.Access.SetPassword>().HandleAsync(link.Value!.SetPasswordToken, Password)).Succeeded);
        return email;
    }

    private async Task ResetAsync(string email)
    {
        using var scope = factory.Services.CreateScope();
        var reset = await scope.ServiceProvider.GetRequiredService<Custody.Access.ResetSignIn>().HandleAsync(email, "lost phone", "cli:test");
        Assert.True((await scope.ServiceProvider.GetRequiredService<Custody.Access.SetPassword>().HandleAsync(reset.Value!.SetPasswordToken, Password)).Succeeded);
    }

    private async Task<string> EnrolAsync(string email)
    {
        var browser = factory.Anonymous();
        await CustodyWebFactory.SignInFormAsync(browser, email, Password);
        var page = await browser.GetStringAsync("/Account/Enrol");
        var key = KeyPattern().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Contains("id=\"recovery-codes\"", await PostFormAsync(browser, "/Account/Enrol", page, ("code", Code(key))), StringComparison.Ordinal);
        return key;
    }


    private async Task<HttpResponseMessage> TokenAsync(string email, string? code, string? recovery) =>
        await factory.Anonymous().PostAsJsonAsync("/api/auth/token", new JsonObject { ["email"] = email, ["password"] = Password, ["twoFactorCode"] = code, ["recoveryCode"] = recovery });

    private static async Task<string> PostFormAsync(HttpClient client, string path, string form, params (string Name, string Value)[] fields) =>
        await (await PostFormRawAsync(client, path, form, fields)).Content.ReadAsStringAsync();

    private static Task<HttpResponseMessage> PostFormRawAsync(HttpClient client, string path, string form, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", CustodyWebFactory.AntiforgeryToken(form)))));

    [GeneratedRegex("id=\"authenticator-key\">([a-z2-7 ]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([A-Z2-9]{5}-[A-Z2-9]{5})</code></li>")]
    private static partial Regex RecoveryPattern();
}
