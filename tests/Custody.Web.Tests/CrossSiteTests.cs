using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Web.Auth;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// A browser sends the UI's cookie with any form another site makes it post. API writes therefore
/// take a bearer token only, and the pages' forms carry antiforgery tokens (sign-out included).
/// </summary>
public sealed class CrossSiteTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public async Task ApiWrite_WithTheUiCookieAlone_Is401_AndChangesNothing()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var manifest = await CreateManifestAsync(supervisor);
        var ids = await ImportAsync(factory, EligiblePerson(Unique("CSRF")));
        await AddAsync(supervisor, manifest, ids[0]);
        var browser = await factory.SignedInAsync(Roles.TransferSupervisor);

        // What a hostile page's auto-submitted form amounts to: the cookie, a form body, no token.
        var forged = await browser.PostAsync($"/api/manifests/{manifest}/lock", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var forgedJson = await browser.PostAsJsonAsync($"/api/manifests/{manifest}/lock", new { });
        var read = await browser.GetAsync($"/api/manifests/{manifest}");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedJson.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("draft", (await read.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/lock", new { })).StatusCode);
    }

    [Fact]
    public async Task SignOut_FromTheHeaderForm_EndsTheSession()
    {
        var browser = await factory.SignedInAsync(Roles.CaseOfficer);
        var page = await browser.GetStringAsync("/People");

        var signedOut = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(page),
        }));
        var after = await browser.GetAsync("/People");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/Account/Login", after.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/Locator")]
    [InlineData("/Account/Login")]
    [InlineData("/api/locator?identifier=A000000000&countryOfBirth=SV")]
    [InlineData("/statistics/fees.csv")]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndNoCacheKeepsIt(string path)
    {
        var response = await factory.Anonymous().GetAsync(path);
        string Header(string name) => response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : "";

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Scripts from this site only, never inline.
        Assert.Contains("script-src 'self';", Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.Equal("no-store", Header("Cache-Control"));
        Assert.Equal("", Header("Server"));
    }

    [Fact]
    public async Task TypedText_WithABidiOverrideOrAControlCharacter_IsRefusedNamingTheField_ThroughTheApiAndThePage()
    {
        var ids = await ImportAsync(factory, EligiblePerson(Unique("BIDI")));
        var api = await factory.BearerAsync(Roles.ReceptionOfficer);
        var listed = await api.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/complaints");

        var refused = await api.PostAsJsonAsync($"/api/people/{ids[0]}/complaints", new { filedBy = "relative", kind = "complaint", text = "No visits \u202Eelbat ot" });
        var control = await api.PostAsJsonAsync($"/api/people/{ids[0]}/complaints", new { filedBy = "relative\u0007", kind = "complaint", text = "No visits" });
        var browser = await factory.SignedInAsync(Roles.ReceptionOfficer);
        var form = await browser.GetStringAsync($"/People/Complaints/{ids[0]}");
        var page = await browser.PostAsync($"/People/Complaints/{ids[0]}?handler=File", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["filedBy"] = "relative", ["kind"] = "complaint", ["text"] = "Parcel \u2066hidden\u2069", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("U+202E", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["text"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.NotNull((await control.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["filedBy"]);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("text: ", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(listed!.Count, (await api.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/complaints"))!.Count);
    }
}
