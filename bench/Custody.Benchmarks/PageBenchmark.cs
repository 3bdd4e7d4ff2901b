using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Custody.Web.dll"), "--urls", $"http://127.0.0.1:{port}", "--ConnectionStrings:Custody", Path.Combine(folder, "pages.db"),
            "--Custody:SeedDemoData", "true", "--Custody:DemoPassword", Password, "--Custody:DataDirectory", folder, "--Custody:DeliverNotifications", "false",
            "--Custody:ReadsPerUserPerMinute", "100000000", "--Custody:SignInAttemptsPerMinute", "1000",
            // The demo users sign in with a password, as under the README's dotnet run (Development); production asks a second factor.
            "--Custody:SecondFactorRequired", "false",
            "--Logging:LogLevel:Default", "Warning", "--environment", "Production", "--Custody:RequireHttps", "false",
        })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var root = new Uri($"http://127.0.0.1:{port}");
            await WaitForHealthAsync(root, process, errors);
            using var officer = await SignedInAsync(root, Web.Infrastructure.DemoSeeder.EmailFor(Access.Roles.CaseOfficer));
            using var director = await SignedInAsync(root, Web.Infrastructure.DemoSeeder.EmailFor(Access.Roles.FacilityDirector));
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
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
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

    private static async Task WaitForHealthAsync(Uri root, Process process, Task<string> errors)
    {
        using var client = new HttpClient { BaseAddress = root };
        for (var tries = 0; tries < 600; tries++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("the app stopped: " + await errors);
            }
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the demo is being seeded.
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("the app did not answer /health within five minutes");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("/People/Details/[0-9a-f-]{36}")]
    private static partial Regex PersonLink();
}
