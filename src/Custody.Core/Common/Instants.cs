using System.Globalization;

namespace Custody.Common;

/// <summary>
/// Instants are stored as UTC <see cref="DateTime"/> truncated to whole microseconds, the finest
/// precision that both SQLite (text) and PostgreSQL (timestamptz) keep, so that a value read back
/// from either equals the value written and hashes the same.
/// </summary>
public static class Instants
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static DateTime Utc(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - (instant.UtcTicks % 10);
        return new DateTime(ticks, DateTimeKind.Utc);
    }

    public static DateTime Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Utc(time.GetUtcNow());
    }

    public static string ToText(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses an RFC 3339 instant (any offset) into UTC.</summary>
    public static DateTime Parse(string text) =>
        Utc(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Whether a [from, until) period of legal dates (already valid) ends after it starts; an open end always does.</summary>
    public static bool EndsAfterStart(string? from, string? until) => from is null || until is null || ParseDate(until) > ParseDate(from);

    /// <summary>What a field that takes an instant expects, for error messages.</summary>
    public const string Rfc3339Expected = "An instant in RFC 3339 form with its offset, such as 2025-03-20T12:00:00Z.";

    private static readonly string[] Rfc3339Formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    /// <summary>An RFC 3339 instant typed by a person or a client: date, time and an explicit offset (Z or ±hh:mm).</summary>
    public static bool TryParseRfc3339(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is { Length: > 19 }
            && (text[^1] is 'Z' or 'z' || text[^6] is '+' or '-')
            && DateTimeOffset.TryParseExact(text, Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>
    /// Reads when something already happened (a lift, a decision, a claim raised): empty means
    /// <paramref name="now"/>; otherwise an RFC 3339 instant no later than now. Null when valid,
    /// else the error to report on <paramref name="field"/>.
    /// </summary>
    public static FieldError? ReadPast(string? text, DateTimeOffset now, string field, out DateTimeOffset instant)
    {
        instant = now;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!TryParseRfc3339(text.Trim(), out instant))
        {
            return new FieldError(field, Rfc3339Expected);
        }
        return instant > now ? new FieldError(field, "This is recorded once it has happened; the instant is in the future.") : null;
    }
}
