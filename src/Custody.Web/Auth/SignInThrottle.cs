using Microsoft.Extensions.Caching.Memory;

namespace Custody.Web.Auth;

/// <summary>
/// Slows password guessing without handing an attacker a way to lock a known user out. Failures are
/// counted per account and client address: after five, each further attempt from that address must
/// wait twice as long as the last (1 s, 2 s, 4 s … capped at 15 minutes), while the holder signing
/// in from their own address is not held back. Across all addresses an account takes at most a
/// fixed number of attempts a minute, which bounds guessing spread over many addresses. A success
/// clears the address's count. Counts live in memory for an hour after the last failure.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IConfiguration configuration) : IDisposable
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);

    private readonly int _perAccountPerMinute = configuration.GetValue("Custody:SignInAttemptsPerAccountPerMinute", 20);
    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly Lock _gate = new();

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset Last;
    }

    private sealed class Attempts
    {
        public DateTimeOffset WindowStart;
        public int Count;
    }

    /// <summary>
    /// Takes one attempt for the account from the address. Null when it may go ahead; otherwise how
    /// long to wait (the attempt is not made, and not counted as a failure).
    /// </summary>
    public TimeSpan? Enter(string account, string address)
    {
        var now = time.GetUtcNow();
        var key = Normalize(account);
        lock (_gate)
        {
            if (_counts.Get<Failures>(("fail", key, address)) is { Count: >= FreeFailures } failures)
            {
                var wait = Backoff(failures.Count) - (now - failures.Last);
                if (wait > TimeSpan.Zero)
                {
                    return wait;
                }
            }
            var attempts = _counts.GetOrCreate(("try", key), entry =>
            {
                entry.Size = 1;
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(2);
                return new Attempts { WindowStart = now };
            })!;
            if (now - attempts.WindowStart >= TimeSpan.FromMinutes(1))
            {
                attempts.WindowStart = now;
                attempts.Count = 0;
            }
            if (attempts.Count >= _perAccountPerMinute)
            {
                return attempts.WindowStart.AddMinutes(1) - now;
            }
            attempts.Count++;
            return null;
        }
    }

    public void Failed(string account, string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var failures = _counts.Get<Failures>(("fail", Normalize(account), address)) ?? new Failures();
            failures.Count++;
            failures.Last = now;
            _counts.Set(("fail", Normalize(account), address), failures, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) });
        }
    }

    public void Succeeded(string account, string address)
    {
        lock (_gate)
        {
            _counts.Remove(("fail", Normalize(account), address));
        }
    }

    /// <summary>The wait after the given number of failures: none up to five, then 1 s doubling to at most 15 minutes.</summary>
    public static TimeSpan Backoff(int failures) => failures < FreeFailures
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - FreeFailures), MaxWait.TotalSeconds));

    private static string Normalize(string account) => account.Trim().ToUpperInvariant();

    public void Dispose() => _counts.Dispose();
}
