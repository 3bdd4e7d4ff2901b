using System.Threading.RateLimiting;

namespace Custody.Web.Auth;

/// <summary>
/// The global limit on reads per signed-in user (enough for any person's day at the screen, too few to
/// copy the register page by page). Requests it does not count — anonymous ones and writes, which meet
/// their endpoint's own policy — pass at once, without the partition lookup and its lock: the public
/// locator is the hottest path, and every one of its requests crosses this limiter.
/// </summary>
public sealed class ReadsPerUser(int perMinute) : PartitionedRateLimiter<HttpContext>
{
    private readonly PartitionedRateLimiter<HttpContext> perUser = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        RateLimitPartition.GetFixedWindowLimiter("reads:" + http.User.Identity!.Name, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    private static bool Counts(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && http.User.Identity is { IsAuthenticated: true, Name: not null };

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => Counts(resource) ? perUser.GetStatistics(resource) : null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Counts(resource) ? perUser.AttemptAcquire(resource, permitCount) : Granted.Lease;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Counts(resource) ? perUser.AcquireAsync(resource, permitCount, cancellationToken) : ValueTask.FromResult<RateLimitLease>(Granted.Lease);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            perUser.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>The lease of a request not counted: granted, nothing to release.</summary>
    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
