using System.Threading.RateLimiting;

namespace Custody.Web.Infrastructure;

/// <summary>Marks an endpoint or page whose work grows with the register (a whole screening, an import, a full verify).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class HeavyWorkAttribute : Attribute;

/// <summary>
/// Work that grows with the register runs a few at a time (ASVS 15.2.2): at most
/// <c>Custody:HeavyRequestsAtOnce</c> (default 2, the machine's cores) at once, up to
/// <c>Custody:HeavyRequestsQueued</c> (default 10) waiting in order, and any more answered 503 with
/// Retry-After, so that a burst of screenings or imports cannot starve the gate, the hand-over and
/// the locator. The permit is held until the answer is written, streamed exports included; a request
/// is counted only after it has been authorized, and a replayed idempotent answer not at all.
/// </summary>
public sealed class HeavyWork(int atOnce, int queued) : IDisposable
{
    public const int RetryAfterSeconds = 5;

    /// <summary>The pages whose every request is heavy work: they import, screen the register, draft invoices or verify the ledger.</summary>
    public static readonly IReadOnlyList<string> Pages = ["/Imports/Index", "/Screenings/Index", "/Invoices/Index", "/Ledger/Index"];

    /// <summary>The permits, shared by every heavy endpoint and page.</summary>
    public ConcurrencyLimiter Limiter { get; } = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, atOnce),
        QueueLimit = Math.Max(0, queued),
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose() => Limiter.Dispose();

    public static HeavyWork FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new HeavyWork(configuration.GetValue("Custody:HeavyRequestsAtOnce", 2), configuration.GetValue("Custody:HeavyRequestsQueued", 10));
    }
}

public static class HeavyWorkRegistration
{
    /// <summary>Marks an endpoint as heavy work.</summary>
    public static TBuilder AsHeavy<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(new HeavyWorkAttribute()));
        return builder;
    }

    /// <summary>After routing and authorization: a heavy endpoint waits for a permit, or is answered 503.</summary>
    public static void UseHeavyWorkLimit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var heavy = app.Services.GetRequiredService<HeavyWork>();
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<HeavyWorkAttribute>() is null)
            {
                await next(http);
                return;
            }
            using var lease = await heavy.Limiter.AcquireAsync(1, http.RequestAborted);
            if (!lease.IsAcquired)
            {
                Custody.Common.CustodyMetrics.RequestThrottled("heavy");
                http.Response.Headers.RetryAfter = HeavyWork.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy",
                    detail: "As many screenings, imports, verifications and exports as this server runs at once are running, and as many are waiting. Try again in a few seconds.")
                    .ExecuteAsync(http);
                return;
            }
            await next(http);
        });
    }
}
