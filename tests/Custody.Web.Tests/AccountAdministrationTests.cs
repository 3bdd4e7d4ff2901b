using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>
/// Account administration through the API and the pages: one-time links, the two-person rule for
/// privileged roles, and accounts whose tokens and sessions end when they are disabled, reset or
/// lose a role.
/// </summary>
public sealed class AccountAdministrationTests(DeadlineWebFactory factory) : IClassFixture<DeadlineWebFactory>
{
    private const string NewPassword = "Chosen-By-Holder-42!";

    [Fact]
    public async Task APrivilegedRole_IsHeldOnlyAfterASecondAdministratorApproves()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var judge = Unique("judge");

        var created = await admin.PostAsJsonAsync("/api/accounts", new { email = judge, displayName = "Judge", roles = new[] { Roles.CourtUser, Roles.Inspector }, reason = "appointed" });
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        await SetPasswordAsync(body["setPasswordLink"]!.GetValue<string>(), NewPassword);
        var before = await BearerAsync(judge, NewPassword);
        var courtOnlyBefore = await before.GetAsync("/api/ledger/head");
        var requestId = body["account"]!["pending"]![0]!["id"]!.GetValue<string>();
        var selfApproval = await admin.PostAsync($"/api/accounts/grant-requests/{requestId}/approve", null);
        var second = await SecondAdministratorAsync();
        var approved = await second.PostAsync($"/api/accounts/grant-requests/{requestId}/approve", null);
        var staleToken = await before.GetAsync("/api/agreements");
        var after = await BearerAsync(judge, NewPassword);
        var courtOnlyAfter = await after.GetAsync("/api/ledger/head");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(Roles.Inspector, body["account"]!["roles"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal(Roles.CourtUser, body["account"]!["pending"]![0]!["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, courtOnlyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Contains("A second administrator must approve", await selfApproval.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, staleToken.StatusCode); // the grant changed the stamp: sign in again to carry the role
        Assert.Equal(HttpStatusCode.OK, courtOnlyAfter.StatusCode);
        await TransferScenario.AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task ADisabledAccount_ItsTokenStopsAtOnce_ItsRefreshIsRefused_AndItsCookieEndsWithinAMinute()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var email = Unique("monitor");
        var link = await CreateAsync(admin, email, Roles.Inspector);
        await SetPasswordAsync(link, NewPassword);
        var token = await TokenResponseAsync(email, NewPassword);
        var bearer = factory.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        var cookie = await factory.SignedInAsync(email, NewPassword);
        var refreshed = await factory.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token["refreshToken"]!.GetValue<string>() });

        var disabled = await admin.PostAsJsonAsync($"/api/accounts/{email}/disable", new { reason = "left the inspectorate" });
        var tokenAfter = await bearer.GetAsync("/api/agreements");
        var refreshAfter = await factory.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token["refreshToken"]!.GetValue<string>() });
        var signInAfter = await factory.Anonymous().PostAsJsonAsync("/api/auth/token", new { email, password = NewPassword });
        factory.Time.Advance(TimeSpan.FromSeconds(61));
        var pageAfter = await cookie.GetAsync("/Agreements");

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signInAfter.StatusCode);
        Assert.Contains("Wrong email or password", await signInAfter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, pageAfter.StatusCode);
        Assert.Contains("/Account/Login", pageAfter.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AOneTimeLink_SetsThePasswordOnce_AndAResetReplacesIt()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var email = Unique("escort");
        var first = await CreateAsync(admin, email, Roles.EscortOfficer);
        await SetPasswordAsync(first, NewPassword);

        var reused = await PostSetPasswordAsync(first, "Another-Password-77!");
        var expired = await CreateAsync(admin, Unique("late"), Roles.Auditor);
        factory.Time.Advance(SetPasswordLinks.Lifetime + TimeSpan.FromMinutes(1));
        var tooLate = await PostSetPasswordAsync(expired, NewPassword);
        admin = await factory.BearerAsync(Roles.Administrator); // the first token expired with the clock
        var reset = await admin.PostAsJsonAsync($"/api/accounts/{email}/reset-sign-in", new { reason = "lost phone" });
        var oldPassword = await factory.Anonymous().PostAsJsonAsync("/api/auth/token", new { email, password = NewPassword });
        var second = (await reset.Content.ReadFromJsonAsync<JsonObject>())!["setPasswordLink"]!.GetValue<string>();
        var weak = await PostSetPasswordAsync(second, "short");
        // Length, not composition: lower-case words and spaces make a good password.
        await SetPasswordAsync(second, "second choice of words");
        var newPassword = await factory.Anonymous().PostAsJsonAsync("/api/auth/token", new { email, password = "second choice of words" });

        Assert.Contains("This link is not valid", reused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Contains("password: Passwords must be at least 12 characters", weak, StringComparison.Ordinal);
        Assert.Contains("This link is not valid", tooLate, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Custody.Persistence.CustodyDbContext>();
        var stored = db.UserTokens.Select(t => t.Value).ToList();
        Assert.DoesNotContain(stored, v => v != null && second.Contains(v.Split('|')[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHolder_ChangesTheirPasswordGivingTheCurrentOne_AndEverySessionEnds()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var email = Unique("holder");
        await SetPasswordAsync(await CreateAsync(admin, email, Roles.Auditor), NewPassword);
        var token = await TokenResponseAsync(email, NewPassword);
        var bearer = factory.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        var elsewhere = await factory.SignedInAsync(email, NewPassword);
        var here = await factory.SignedInAsync(email, NewPassword);
        const string Chosen = "a new set of unrelated words";

        var anonymous = await factory.Anonymous().GetAsync("/Account/Password");
        using var inSpanish = new HttpRequestMessage(HttpMethod.Get, "/Account/Password") { Headers = { AcceptLanguage = { new StringWithQualityHeaderValue("es") } } };
        var spanish = await (await here.SendAsync(inSpanish)).Content.ReadAsStringAsync();
        var wrong = await PostChangeAsync(here, "Not-My-Password-1!", Chosen, Chosen);
        var same = await PostChangeAsync(here, NewPassword, NewPassword, NewPassword);
        var differ = await PostChangeAsync(here, NewPassword, Chosen, Chosen + "!");
        var weak = await PostChangeAsync(here, NewPassword, "short", "short");
        var guessable = await PostChangeAsync(here, NewPassword, "qwertyuiop12", "qwertyuiop12");
        var changed = await PostChangeAsync(here, NewPassword, Chosen, Chosen);
        var tokenAfter = await bearer.GetAsync("/api/agreements");
        var oldPassword = await factory.Anonymous().PostAsJsonAsync("/api/auth/token", new { email, password = NewPassword });
        var newPassword = await factory.Anonymous().PostAsJsonAsync("/api/auth/token", new { email, password = Chosen });
        var hereAfter = await here.GetAsync("/Agreements");
        factory.Time.Advance(TimeSpan.FromSeconds(61));
        var elsewhereAfter = await elsewhere.GetAsync("/Agreements");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Contraseña actual", spanish, StringComparison.Ordinal);
        Assert.Contains("The current password is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("The new password must differ from the current one.", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("The two passwords differ.", await differ.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Passwords must be at least 12 characters", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("This password is easy to guess", await guessable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/Account/Login?changed=True", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, hereAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, elsewhereAfter.StatusCode);
        Assert.Contains("/Account/Login", elsewhereAfter.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Custody.Persistence.CustodyDbContext>();
        var user = db.Users.Single(u => u.Email == email);
        Assert.Equal(2, db.LedgerEntries.Count(e => e.Kind == PasswordSet.EntryKind && e.Subject == "user:" + user.Id));
    }

    [Fact]
    public async Task AccountChanges_NeedASignInWithinFifteenMinutes_ByTokenRefreshOrPage()
    {
        var email = DemoSeeder.EmailFor(Roles.Administrator);
        var token = await TokenResponseAsync(email, CustodyWebFactory.Password);
        var page = await factory.SignedInAsync(Roles.Administrator);
        factory.Time.Advance(RecentSignInRequirement.Window15Minutes + TimeSpan.FromSeconds(1));
        var refreshed = await factory.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token["refreshToken"]!.GetValue<string>() });
        var stale = factory.Anonymous();
        stale.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());

        var list = await stale.GetAsync("/api/accounts");
        var create = await stale.PostAsJsonAsync("/api/accounts", new { email = Unique("late"), roles = new[] { Roles.Auditor }, reason = "test" });
        var form = await page.GetStringAsync("/Accounts");
        var pagePost = await page.PostAsync("/Accounts?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Unique("late-page"), ["Roles"] = Roles.Auditor, ["Reason"] = "test", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));
        var denied = pagePost.Headers.Location is { } location ? await page.GetStringAsync(location.OriginalString) : await pagePost.Content.ReadAsStringAsync();
        var fresh = await factory.BearerAsync(Roles.Administrator);
        var createdFresh = await fresh.PostAsJsonAsync("/api/accounts", new { email = Unique("fresh"), roles = new[] { Roles.Auditor }, reason = "test" });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, pagePost.StatusCode);
        Assert.Contains("/Account/AccessDenied", pagePost.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("id=\"sign-in-again\"", denied, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, createdFresh.StatusCode);
    }

    [Fact]
    public async Task WrongCurrentPasswords_BackOffLikeFailedSignIns()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var email = Unique("guessed");
        await SetPasswordAsync(await CreateAsync(admin, email, Roles.Auditor), NewPassword);
        var session = await factory.SignedInAsync(email, NewPassword);

        for (var i = 0; i < SignInThrottleFreeFailures; i++)
        {
            Assert.Contains("The current password is not right.", await (await PostChangeAsync(session, $"guess-number-{i}-wrong", "a new set of unrelated words", "a new set of unrelated words")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var slowed = await PostChangeAsync(session, NewPassword, "a new set of unrelated words", "a new set of unrelated words");
        factory.Time.Advance(SignInThrottle.Backoff(SignInThrottleFreeFailures) + TimeSpan.FromMilliseconds(1));
        var waited = await PostChangeAsync(session, NewPassword, "a new set of unrelated words", "a new set of unrelated words");

        Assert.Contains("Too many failed attempts", await slowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, waited.StatusCode);
    }

    private const int SignInThrottleFreeFailures = SignInThrottle.FreeFailures;

    private static async Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string current, string password, string confirm)
    {
        var form = await client.GetStringAsync("/Account/Password");
        return await client.PostAsync("/Account/Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Current"] = current, ["Password"] = password, ["Confirm"] = confirm, ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));
    }

    [Fact]
    public async Task AdministratorsAdministerAccounts_AndReadNoPersonalData_WhileOthersCannotAdminister()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var officer = await factory.BearerAsync(Roles.CaseOfficer);

        var list = await admin.GetAsync("/api/accounts");
        var people = await admin.GetAsync("/api/people");
        var byOfficer = await officer.GetAsync("/api/accounts");
        var createByOfficer = await officer.PostAsJsonAsync("/api/accounts", new { email = Unique("x"), roles = new[] { Roles.Auditor }, reason = "r" });
        var invalid = await admin.PostAsJsonAsync("/api/accounts", new { email = "not-an-address", roles = new[] { "superuser" }, reason = "" });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, people.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, createByOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("email") && errors.ContainsKey("roles") && errors.ContainsKey("reason"), errors.ToJsonString());
    }

    [Fact]
    public async Task ThePages_CreateAnAccount_ShowItsLinkOnce_AndApproveOnlyAnotherAdministratorsRequest()
    {
        var page = await factory.SignedInAsync(Roles.Administrator);
        var email = Unique("reviewer");
        var form = await page.GetStringAsync("/Accounts");

        var created = await page.PostAsync("/Accounts?handler=Create", new FormUrlEncodedContent(
        [
            new("email", email), new("displayName", "Reviewer"), new("roles", Roles.LegalReviewer), new("roles", Roles.CaseOfficer), new("reason", "hired"),
            new("__RequestVerificationToken", CustodyWebFactory.AntiforgeryToken(form)),
        ]));
        var html = await created.Content.ReadAsStringAsync();
        var listed = await page.GetStringAsync("/Accounts");
        var spanish = factory.Anonymous();
        using var es = new HttpRequestMessage(HttpMethod.Get, "/Account/SetPassword?token=x");
        es.Headers.AcceptLanguage.ParseAdd("es");
        var setPasswordEs = await (await spanish.SendAsync(es)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("id=\"set-password-link\">/Account/SetPassword?token=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/Account/SetPassword?token=", listed, StringComparison.Ordinal);
        // The administrator who asked sees the request but no approve button for it.
        Assert.Contains(email, listed, StringComparison.Ordinal);
        Assert.Contains("Another administrator approves", listed, StringComparison.Ordinal);
        Assert.Contains("Fije su contraseña", setPasswordEs, StringComparison.Ordinal);
        await SetPasswordAsync(Link(html), NewPassword);
        var holder = await factory.SignedInAsync(email, NewPassword);
        var refused = await holder.GetAsync("/Accounts");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASession_AndAChainOfRefreshes_EndTwelveHoursAfterTheSignIn_HoweverActive()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var email = Unique("long-shift");
        await SetPasswordAsync(await CreateAsync(admin, email, Roles.Inspector), NewPassword);
        var cookie = await factory.SignedInAsync(email, NewPassword);
        var token = await TokenResponseAsync(email, NewPassword);

        // Active all day: a page every hour, the token refreshed before its refresh token's eight hours run out.
        var hourly = new List<HttpStatusCode>();
        var refreshToken = token["refreshToken"]!.GetValue<string>();
        for (var hour = 1; hour <= 11; hour++)
        {
            factory.Time.Advance(TimeSpan.FromHours(1));
            hourly.Add((await cookie.GetAsync("/Agreements")).StatusCode);
            if (hour is 6 or 11)
            {
                var refreshed = await factory.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
                hourly.Add(refreshed.StatusCode);
                refreshToken = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!.GetValue<string>();
            }
        }
        factory.Time.Advance(TimeSpan.FromMinutes(90));
        var pageAfter = await cookie.GetAsync("/Agreements");
        var refreshAfter = await factory.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

        Assert.All(hourly, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.Redirect, pageAfter.StatusCode);
        Assert.Contains("/Account/Login", pageAfter.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshAfter.StatusCode);
    }

    [Fact]
    public async Task Passwords_AreHashedWithPbkdf2At210000Iterations()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var email = Unique("hashed");
        await SetPasswordAsync(await CreateAsync(admin, email, Roles.Auditor), NewPassword);

        using var scope = factory.Services.CreateScope();
        var hash = Convert.FromBase64String(scope.ServiceProvider.GetRequiredService<Custody.Persistence.CustodyDbContext>().Users.Single(u => u.Email == email).PasswordHash!);

        // Identity's v3 format: marker 0x01, the PRF, then the iteration count, big-endian.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(210_000, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(5, 4)));
    }

    [Fact]
    public async Task TheAccountPage_Disables_AsksForAReason_AndListsAPrivilegedGrantAsWaiting()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var email = Unique("clerk");
        await CreateAsync(admin, email, Roles.CaseOfficer);
        var page = await factory.SignedInAsync(Roles.Administrator);
        var path = "/Accounts/Account?email=" + Uri.EscapeDataString(email);
        async Task<HttpResponseMessage> PostAsync(string handler, params (string Name, string Value)[] fields)
        {
            var form = await page.GetStringAsync(path);
            return await page.PostAsync($"{path}&handler={handler}", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
                .Append(new("__RequestVerificationToken", CustodyWebFactory.AntiforgeryToken(form)))));
        }

        var noReason = await PostAsync("Disable", ("reason", ""));
        var disabled = await PostAsync("Disable", ("reason", "left the service"));
        var granted = await PostAsync("Grant", ("role", Roles.LegalReviewer), ("reason", "promoted"));
        var shown = await page.GetStringAsync(path);

        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("reason: Say why.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Contains("id=\"status\">Disabled<", shown, StringComparison.Ordinal);
        Assert.Contains("Waiting for approval:", shown, StringComparison.Ordinal);
    }

    private static string Unique(string who) => $"{who}-{Guid.NewGuid():N}@gov.example";

    private static string Link(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "id=\"set-password-link\">([^<]+)<").Groups[1].Value);

    private static async Task<string> CreateAsync(HttpClient admin, string email, string role)
    {
        var created = await admin.PostAsJsonAsync("/api/accounts", new { email, roles = new[] { role }, reason = "test" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["setPasswordLink"]!.GetValue<string>();
    }

    // The bootstrap a terminal operator has: while only one administrator is enabled, a second is created directly.
    private async Task<HttpClient> SecondAdministratorAsync()
    {
        var email = Unique("admin");
        using (var scope = factory.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<Custody.Access.CreateAdministrator>().HandleAsync(email, "Second", "second administrator", "cli:operator");
            await SetPasswordAsync(created.Value!.Path, NewPassword);
        }
        return await BearerAsync(email, NewPassword);
    }

    private Task<string> PostSetPasswordAsync(string path, string password) => factory.PostSetPasswordAsync(path, password);

    private async Task SetPasswordAsync(string path, string password) =>
        Assert.Contains("id=\"password-set\"", await PostSetPasswordAsync(path, password), StringComparison.Ordinal);

    private async Task<JsonObject> TokenResponseAsync(string email, string password)
    {
        var response = await factory.Anonymous().PostAsJsonAsync("/api/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<HttpClient> BearerAsync(string email, string password)
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TokenResponseAsync(email, password))["accessToken"]!.GetValue<string>());
        return client;
    }

}
