using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Custody.Benchmarks;

/// <summary>
/// The real web app as its own process, as deployed (Production, every middleware), on plain HTTP on a
/// free loopback port as behind a proxy that ends TLS, with notifications not sent; ready once it answers
/// <c>/health</c>. Disposing stops it. The locator and page benchmarks both drive it.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    private AppProcess(Process process, Uri root)
    {
        this.process = process;
        Root = root;
    }

    public Uri Root { get; }

    /// <summary>Starts the app on <paramref name="database"/> with its data in <paramref name="folder"/> and the given extra settings (pairs of "--Key", "value").</summary>
    public static async Task<AppProcess> StartAsync(string folder, string database, params string[] settings)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Custody.Web.dll"), "--urls", $"http://127.0.0.1:{port}", "--ConnectionStrings:Custody", database,
            "--Custody:DataDirectory", folder, "--Custody:DeliverNotifications", "false", "--Logging:LogLevel:Default", "Warning", "--environment", "Production",
            // Plain HTTP on loopback, as behind a proxy that ends TLS: production otherwise redirects every request to HTTPS.
            "--Custody:RequireHttps", "false",
        }.Concat(settings))
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await app.WaitForHealthAsync(errors);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Free listening port on loopback, for the app or a bare endpoint.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForHealthAsync(Task<string> errors)
    {
        using var client = new HttpClient { BaseAddress = Root };
        for (var tries = 0; tries < 1500; tries++)
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
                // Not listening yet: migrations (or the demo's seed) still running.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the app did not answer /health within five minutes");
    }
}
