namespace Custody.Demo;

/// <summary>
/// The demo seed's clock: the real one set back by <see cref="Back"/>, which the seed shortens as
/// its story moves forward, so weeks of custody (admissions, weekly welfare checks, a past month's
/// invoice) are recorded in order, each command at the time it happened, ending at the present.
/// </summary>
public sealed class DemoClock(TimeProvider now) : TimeProvider
{
    public TimeSpan Back { get; set; }

    public override DateTimeOffset GetUtcNow() => now.GetUtcNow() - Back;

    public override TimeZoneInfo LocalTimeZone => now.LocalTimeZone;
}
