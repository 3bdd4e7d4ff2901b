using Custody.Facilities;
using ScottPlot;

namespace Custody.Web.Reports;

/// <summary>
/// Charts of the register (ScottPlot, SVG): occupancy over time, and floor area per person across
/// occupied cells against the standards. Every title, legend and axis label goes through
/// <c>text</c> (the UI's localizer: English keys, Spanish in the resources), so charts speak the reader's language.
/// </summary>
public static class OccupancyCharts
{
    /// <summary>People held at each instant given, against operational and design capacity.</summary>
    public static string OverTime(IReadOnlyList<OccupancyPoint> series, string title, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        var xs = series.Select(o => o.At.ToOADate()).ToArray();
        var held = plot.Add.Scatter(xs, series.Select(o => (double)o.Occupants).ToArray());
        held.LegendText = text("held");
        if (series.Count > 0)
        {
            plot.Add.HorizontalLine(series[^1].OperationalCapacity, pattern: LinePattern.Dashed).LegendText = text("operational capacity");
        }
        plot.Axes.DateTimeTicksBottom();
        plot.Title(title);
        plot.YLabel(text("people"));
        plot.ShowLegend();
        return plot.GetSvgXml(800, 320);
    }

    /// <summary>Square metres per person in each occupied cell, lowest first, with the shared- and single-cell minimums.</summary>
    public static string SpacePerPerson(Occupancy occupancy, Screening.FacilityStandards standards, string title, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(occupancy);
        ArgumentNullException.ThrowIfNull(standards);
        var plot = new Plot();
        var values = occupancy.Cells.Where(c => c.SquareMetresPerPerson is not null).Select(c => (double)c.SquareMetresPerPerson!.Value).Order().ToArray();
        if (values.Length > 0)
        {
            plot.Add.Bars(values);
        }
        plot.Add.HorizontalLine(standards.MinFloorAreaSharedCellM2, pattern: LinePattern.Dashed).LegendText = $"{text("shared minimum")} {standards.MinFloorAreaSharedCellM2} m²";
        plot.Add.HorizontalLine(2, pattern: LinePattern.Dotted).LegendText = text("emergency-only 2 m²");
        plot.Title(title);
        plot.XLabel(text("occupied cells, lowest first"));
        plot.YLabel(text("m² per person"));
        plot.ShowLegend();
        return plot.GetSvgXml(800, 320);
    }

    /// <summary>The public chart: each facility's peak held at a midnight, by month; suppressed months (fewer than 5) are gaps, never drawn.</summary>
    public static string PublicHeld(IReadOnlyList<Statistics.FacilityMonth> rows, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = new Plot();
        var months = rows.Select(r => r.Month).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var facility in rows.GroupBy(r => r.Facility).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var peaks = months.Select(m => facility.Where(r => r.Month == m).Sum(r => r.PeakAtMidnight)).ToArray();
            var xs = months.Select((_, i) => (double)i).Where((_, i) => peaks[i] >= Statistics.PublicStatistics.SuppressBelow).ToArray();
            var ys = peaks.Where(p => p >= Statistics.PublicStatistics.SuppressBelow).Select(p => (double)p).ToArray();
            if (xs.Length > 0)
            {
                plot.Add.Scatter(xs, ys).LegendText = facility.Key;
            }
        }
        if (months.Count > 0)
        {
            plot.Axes.Bottom.SetTicks(months.Select((_, i) => (double)i).ToArray(), [.. months]);
        }
        plot.Title(text("Peak held at midnight, by facility and month"));
        plot.YLabel(text("people (months under 5 not shown)"));
        plot.ShowLegend();
        return plot.GetSvgXml(800, 320);
    }

    /// <summary>Cumulative spend by month against the ceiling. Amounts are converted to doubles only to be drawn.</summary>
    public static string Spend(IReadOnlyList<Billing.SpendPoint> points, string title, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(points);
        var plot = new Plot();
        if (points.Count > 0)
        {
            var xs = Enumerable.Range(0, points.Count).Select(i => (double)i).ToArray();
            plot.Add.Scatter(xs, points.Select(p => (double)p.Cumulative).ToArray()).LegendText = text("cumulative");
            plot.Axes.Bottom.SetTicks(xs, points.Select(p => p.Month).ToArray());
            if (points[0].Ceiling is { } ceiling)
            {
                plot.Add.HorizontalLine((double)ceiling, pattern: LinePattern.Dashed).LegendText = text("funding ceiling");
            }
        }
        plot.Title(title);
        plot.ShowLegend();
        return plot.GetSvgXml(800, 320);
    }
}
