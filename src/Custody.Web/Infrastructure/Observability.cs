using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Custody.Transparency;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Custody.Web.Infrastructure;

/// <summary>What operators configure about telemetry (<c>Custody:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector (e.g. http://collector:4317); traces and metrics are exported there when set (or when OTEL_EXPORTER_OTLP_ENDPOINT is).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often the outbox, checkpoint and ledger gauges are read from the database.</summary>
    public int SampleSeconds { get; set; } = 30;

    /// <summary>The oldest undelivered notice may be this old before readiness reports the outbox degraded.</summary>
    public int OutboxMaxAgeMinutes { get; set; } = 60;
}

/// <summary>
/// Metrics (OpenTelemetry: ASP.NET Core, HttpClient and the project's meter <c>Custody</c>) at
/// <c>/metrics</c> for Prometheus, and over OTLP with traces (ASP.NET Core, EF Core, HttpClient) when
/// a collector is configured (without one no span is recorded); liveness and readiness;
/// and one request log line per request naming the route template, never the path or query a
/// person's name or id may be in.
/// </summary>
public static partial class Observability
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {Milliseconds:0.0} ms")]
    private static partial void RequestAnswered(ILogger logger, string method, string route, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Route} with {Status} for {Actor} ({Roles}) from {Address}")]
    private static partial void RequestRefused(ILogger logger, string method, string route, int status, string actor, string roles, string address);

    private const string Ready = "ready";

    public static WebApplicationBuilder AddCustodyObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection("Custody:Telemetry").Get<TelemetryOptions>() ?? new();
        builder.Services.AddSingleton(options);
        // The meter's gauges exist from the start, so /metrics lists them before anything happens.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Custody.Common.CustodyMetrics).TypeHandle);
        var otlp = options.OtlpEndpoint ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        // ASP.NET Core's own request lines carry the full URL, query included (the locator's
        // identifier, a search for a name); whatever the configuration says, only warnings pass.
        // UseRequestLog writes the route template in their place.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("custody"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(Custody.Common.CustodyMetrics.MeterName).AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        // Spans only where a collector takes them: recorded and dropped, they cost the public locator a sixth
        // of its throughput when measured (docs/benchmarks.md), and nothing reads them.
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing =>
                // Spans keep http.route (the template); the concrete path may hold a person's id.
                tracing.AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = (activity, _) => activity.SetTag("url.path", null))
                    .AddHttpClientInstrumentation().AddEntityFrameworkCoreInstrumentation()
                    .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<CustodyDbContext>("database", tags: [Ready])
            .AddCheck<MigrationsApplied>("migrations", tags: [Ready])
            .AddCheck<LedgerExtendsCheckpoint>("ledger", tags: [Ready])
            .AddCheck<OutboxAge>("outbox", tags: [Ready]);
        builder.Services.AddHostedService<OperationsSampler>();
        return builder;
    }

    /// <summary><c>/health/live</c> (the process answers), <c>/health/ready</c> and <c>/health</c> (every check), <c>/metrics</c> (Prometheus).</summary>
    public static void MapCustodyOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        // Counts by kind, step, outcome and reason only: nothing in it names a person.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
    }

    /// <summary>
    /// One line per request: method, route template, status and time, never the path or query. A
    /// request refused for want of sign-in or permission (401, 403, from the policies, a use case's
    /// ownership check or the HTTPS rule alike) also gets a warning under <c>Custody.Security</c>
    /// naming who (account id and roles, or anonymous) and from where (ASVS 16.3.2), whatever the
    /// request log's level.
    /// </summary>
    public static void UseRequestLog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Custody.Requests");
        var security = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Custody.Security");
        app.Use(async (http, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    RequestAnswered(logger, http.Request.Method, RouteOf(http), http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                if (http.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
                {
                    var user = http.User;
                    var actor = user.Identity?.IsAuthenticated == true ? "account " + (user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "(no id)") : "anonymous";
                    var roles = string.Join(',', user.FindAll(ClaimTypes.Role).Select(r => r.Value));
                    RequestRefused(security, http.Request.Method, RouteOf(http), http.Response.StatusCode, actor, roles, Custody.Web.Auth.ClientAddress.KeyOf(http));
                }
            }
        });
    }

    private static string RouteOf(HttpContext http) => (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";

    /// <summary>Notices queued and not yet delivered (what the outbox check and the backlog gauge read).</summary>
    private static IQueryable<Notification> Waiting(CustodyDbContext db) =>
        db.Notifications.AsNoTracking().Where(n => n.Status != NotificationStatuses.Delivered);

    private static Task<DateTime?> OldestWaitingAsync(IQueryable<Notification> waiting, CancellationToken cancellationToken) =>
        waiting.OrderBy(n => n.QueuedAt).Select(n => (DateTime?)n.QueuedAt).FirstOrDefaultAsync(cancellationToken);

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: http.RequestAborted);
    }

    /// <summary>Ready only on the schema this build expects.</summary>
    private sealed class MigrationsApplied(CustodyDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0 ? HealthCheckResult.Healthy("every migration applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}");
        }
    }

    /// <summary>
    /// Ready only while the ledger still extends the latest final checkpoint, the one kept in the data
    /// directory included (it survives a database rolled back): the same check the app makes at start,
    /// so a cut or rewritten history takes the node out of service at once.
    /// </summary>
    private sealed class LedgerExtendsCheckpoint(CustodyDbContext db, LogIdentity log, FinalCheckpointFile file) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await CheckpointLog.EnsureExtendsLatestAsync(db, log.PublicKey, file, cancellationToken);
                return HealthCheckResult.Healthy("extends the latest final checkpoint");
            }
            catch (LedgerIntegrityException ex)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        }
    }

    /// <summary>Degraded while a notice waits longer than the configured age (delivery is failing or stuck).</summary>
    private sealed class OutboxAge(CustodyDbContext db, TimeProvider time, TelemetryOptions options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (await OldestWaitingAsync(Waiting(db), cancellationToken) is not { } queued)
            {
                return HealthCheckResult.Healthy("nothing waiting");
            }
            var age = time.GetUtcNow().UtcDateTime - queued;
            return age > TimeSpan.FromMinutes(options.OutboxMaxAgeMinutes)
                ? HealthCheckResult.Degraded($"the oldest undelivered notice has waited {age.TotalMinutes:0} minutes")
                : HealthCheckResult.Healthy($"the oldest undelivered notice has waited {age.TotalMinutes:0} minutes");
        }
    }

    /// <summary>Reads the gauges' values from the database every few seconds.</summary>
    private sealed class OperationsSampler(IServiceScopeFactory scopes, TimeProvider time, TelemetryOptions options, ILogger<OperationsSampler> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.SampleSeconds)), time);
            do
            {
                try
                {
                    await SampleAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Sampling the operations gauges failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }

        private async Task SampleAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var waiting = Waiting(db);
            var backlog = await waiting.LongCountAsync(cancellationToken);
            var oldest = await OldestWaitingAsync(waiting, cancellationToken);
            var final = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.FinalAt != null).OrderByDescending(c => c.Size)
                .Select(c => c.FinalAt).FirstOrDefaultAsync(cancellationToken);
            var size = await new LedgerProofs(db).SizeAsync(cancellationToken);
            Custody.Common.OperationsGauges.Current = new(backlog, oldest is { } o ? (now - o).TotalSeconds : 0, final is { } f ? (now - f).TotalSeconds : 0, (long)size);
        }
    }
}
