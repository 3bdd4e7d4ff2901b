using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Access;
using Microsoft.AspNetCore.Hosting;

namespace Custody.Web.Tests;

/// <summary>An app started with a breached-password list (Pwned Passwords' SHA-1 format) in its data directory.</summary>
public sealed class BreachedListWebFactory : CustodyWebFactory
{
    /// <summary>A password the strength estimate accepts, but that is in the list.</summary>
    public const string Breached = "Holder-Chosen-Pass-7!";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var path = Path.Combine(DataDirectory, "pwned-passwords-sha1-ordered-by-hash.txt");
#pragma warning disable CA5350 // the list's key, as Pwned Passwords publishes it
        var hashes = new[] { Breached, "hunter2", "another one" }.Select(p => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(p))));
#pragma warning restore CA5350
        File.WriteAllLines(path, hashes.Order(StringComparer.Ordinal).Select(h => h + ":42"));
        builder.UseSetting("Custody:BreachedPasswords:File", path);
    }
}

/// <summary>A password in the operator's breached list is refused wherever one is chosen: the one-time link and the change of password.</summary>
public sealed class BreachedPasswordTests(BreachedListWebFactory factory) : IClassFixture<BreachedListWebFactory>
{
    private const string Good = "a new set of unrelated words";

    [Fact]
    public async Task ABreachedPassword_IsRefusedThroughTheLink_AndWhenChanged_AndAnotherIsAccepted()
    {
        var admin = await factory.BearerAsync(Roles.Administrator);
        var email = $"breached-{Guid.NewGuid():N}@custody.test";
        var created = await admin.PostAsJsonAsync("/api/accounts", new { email, roles = new[] { Roles.Auditor }, reason = "test" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = (await created.Content.ReadFromJsonAsync<JsonObject>())!["setPasswordLink"]!.GetValue<string>();

        var breached = await PostSetPasswordAsync(link, BreachedListWebFactory.Breached);
        var accepted = await PostSetPasswordAsync(link, Good);
        var session = await factory.SignedInAsync(email, Good);
        var form = await session.GetStringAsync("/Account/Password");
        var change = await session.PostAsync("/Account/Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Current"] = Good, ["Password"] = BreachedListWebFactory.Breached, ["Confirm"] = BreachedListWebFactory.Breached,
            ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));
        var stillGood = await factory.Anonymous().PostAsJsonAsync("/api/auth/token", new { email, password = Good });

        Assert.Contains("exposed in data breaches", breached, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"password-set\"", breached, StringComparison.Ordinal);
        Assert.Contains("id=\"password-set\"", accepted, StringComparison.Ordinal);
        Assert.Contains("exposed in data breaches", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillGood.StatusCode);
    }

    private Task<string> PostSetPasswordAsync(string path, string password) => factory.PostSetPasswordAsync(path, password);
}
