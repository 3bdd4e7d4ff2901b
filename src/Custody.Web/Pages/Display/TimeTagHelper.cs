using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Custody.Web.Pages.Display;

/// <summary>
/// Every date and time a page shows, in the reader's format with the zone named:
/// <c>&lt;time at="@instant" zone="America/El_Salvador"&gt;</c> renders the instant in the current
/// culture's short date and time, in that zone (UTC unless a zone is given, e.g. a facility's own),
/// followed by the zone as its offset ("UTC−06:00"), which needs no translation and cannot be misread;
/// <c>&lt;time on="@date"&gt;</c> renders a calendar date. The <c>datetime</c> attribute carries the ISO
/// value for machines and tests. A null value renders <c>none</c> (empty by default).
/// </summary>
[HtmlTargetElement("time", Attributes = "at")]
[HtmlTargetElement("time", Attributes = "on")]
public sealed class TimeTagHelper : TagHelper
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    /// <summary>An instant: <see cref="DateTime"/> (UTC, whatever its kind says) or <see cref="DateTimeOffset"/>.</summary>
    public object? At { get; set; }

    /// <summary>A calendar date: <see cref="DateOnly"/>, or the date part of a <see cref="DateTime"/>.</summary>
    public object? On { get; set; }

    /// <summary>The IANA zone to show an instant in (a facility's); UTC when absent or unknown.</summary>
    public string? Zone { get; set; }

    /// <summary>What to show when the value is null.</summary>
    public string? None { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (context.AllAttributes.ContainsName("on"))
        {
            DateOnly? date = On switch
            {
                DateOnly d => d,
                DateTime t => DateOnly.FromDateTime(t),
                DateTimeOffset o => DateOnly.FromDateTime(o.UtcDateTime),
                _ => null,
            };
            Render(output, date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date?.ToString("d", CultureInfo.CurrentCulture), null);
            return;
        }
        DateTime? utc = At switch
        {
            DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
            DateTimeOffset o => o.UtcDateTime,
            _ => null,
        };
        if (utc is not { } instant)
        {
            Render(output, null, null, null);
            return;
        }
        var zone = ZoneOf(Zone);
        Render(output, instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Shown(instant, Zone), zone == TimeZoneInfo.Utc ? null : zone.Id);
    }

    /// <summary>The text a <c>time</c> element shows for an instant, for places that build a sentence around it.</summary>
    public static string Shown(DateTime utc, string? zoneId = null)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        var zone = ZoneOf(zoneId);
        var offset = zone.GetUtcOffset(instant);
        var named = offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "−" : "+")}{offset.Duration():hh\\:mm}";
        return $"{TimeZoneInfo.ConvertTimeFromUtc(instant, zone).ToString("g", CultureInfo.CurrentCulture)} {named}";
    }

    private void Render(TagHelperOutput output, string? machine, string? shown, string? zoneId)
    {
        output.Attributes.RemoveAll("at");
        output.Attributes.RemoveAll("on");
        if (machine is null)
        {
            output.TagName = null;
            output.Content.SetContent(None ?? "");
            return;
        }
        output.Attributes.SetAttribute("datetime", machine);
        if (zoneId is not null)
        {
            output.Attributes.SetAttribute("title", zoneId);
        }
        output.Content.SetContent(shown);
    }

    private static TimeZoneInfo ZoneOf(string? id) =>
        string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc
            : Zones.GetOrAdd(id, key => TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : TimeZoneInfo.Utc);
}
