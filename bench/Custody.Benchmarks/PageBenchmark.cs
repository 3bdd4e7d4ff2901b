using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Custody.Benchmarks;

/// <summary>
/// Page response time with the demo data, as a user meets it: the real app as its own process on the
/// embedded SQLite default with the demo seeded, signed in through the sign-in form, then the person
/// page (whose every read is ledgered) and the facility register, one request at a time, against the
/// same app's <c>/health</c> (the pipeline with no page and no query) as the floor. Requirement: p95 &lt; 100 ms.
/// </summary>
public sealed partial class PageBenchmark(string folder, int rounds)
{
    private const string Password = "Bench-Demo-Password-1!";

    public async Task RunAsync(StringBuilder report)
    {
        await using var app = await AppProcess.StartAsync(folder, Path.Combine(folder, "pages.db"),
            "--Custody:SeedDemoData", "true", "--Custody:DemoPassword", Password,
            "--Custody:ReadsPerUserPerMinute", "100000000", "--Custody:SignInAttemptsPerMinute", "1000",
            // The demo users sign in with a password, as under the README's dotnet run (Development); production asks a second factor.
            "--Custody:SecondFactorRequired", "false");
        using var officer = await SignedInAsync(app.Root, Web.Infrastructure.DemoSeeder.EmailFor(Access.Roles.CaseOfficer));
        using var director = await SignedInAsync(app.Root, Web.Infrastructure.DemoSeeder.EmailFor(Access.Roles.FacilityDirector));
        var person = PersonLink().Match(await officer.GetStringAsync("/People?q=DEMO-HELD-1")).Value;
        if (person.Length == 0)
        {
            throw new InvalidOperationException("the demo's DEMO-HELD-1 is not on the people page");
        }
        var health = await TimeAsync(officer, "/health");
        var personPage = await TimeAsync(officer, person);
        var register = await TimeAsync(director, "/Facilities/Register/sv-cecot");
        report.AppendLine(CultureInfo.InvariantCulture, $"| page | p50 | p95 | p99 | floor: `GET /health` p50 / p95 | requirement |");
        report.AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, t) in new[] { ("person page (DEMO-HELD-1; the read is ledgered)", personPage), ("facility register (CECOT, 6 held, 256 cells)", register) })
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name}, {rounds:N0} requests, one at a time | {t.P50:F1} ms | {t.P95:F1} ms | {t.P99:F1} ms | {health.P50:F1} / {health.P95:F1} ms | p95 < 100 ms |");
        }
    }

    private async Task<(double P50, double P95, double P99)> TimeAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }
        var ms = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            ms.Add(clock.Elapsed.TotalMilliseconds);
        }
        ms.Sort();
        double At(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        return (At(0.50), At(0.95), At(0.99));
    }

    /// <summary>Signs in through the sign-in form as a browser does (its antiforgery token, then the cookie).</summary>
    private static async Task<HttpClient> SignedInAsync(Uri root, string email)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = root };
        var form = await client.GetStringAsync("/Account/Login");
        var token = Token().Match(form).Groups[1].Value;
        var answer = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (answer.StatusCode != HttpStatusCode.Redirect || answer.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"sign-in as {email} answered {(int)answer.StatusCode} {answer.Headers.Location}");
        }
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("/People/Details/[0-9a-f-]{36}")]
    private static partial Regex PersonLink();
}
