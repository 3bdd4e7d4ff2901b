using System.Globalization;
using Custody.Statistics;
using Custody.Transparency;
using CsvHelper;

namespace Custody.Web.Api;

/// <summary>Statistics as published, with the checkpoint they were computed at.</summary>
public sealed record CitedStatistics(PublishedStatistics Statistics, LedgerCheckpoint Checkpoint);

/// <summary>
/// Computes the public statistics at most every few minutes (the page is anonymous) and has the log
/// sign the tree head at the exact size they were computed at, so each table can cite its checkpoint.
/// </summary>
public sealed class StatisticsCache(IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (CitedStatistics Value, DateTimeOffset At)? _cached;

    public async Task<CitedStatistics> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && time.GetUtcNow() - cached.At < Lifetime)
            {
                return cached.Value;
            }
            using var scope = scopes.CreateScope();
            var statistics = await scope.ServiceProvider.GetRequiredService<PublicStatistics>().ComputeAsync(cancellationToken);
            var checkpoint = await scope.ServiceProvider.GetRequiredService<CheckpointLog>().SignAtAsync((ulong)statistics.LedgerSize, cancellationToken);
            var value = new CitedStatistics(statistics, checkpoint);
            _cached = (value, time.GetUtcNow());
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>The public statistics as CSV and as a chart: no personal data, counts under 5 suppressed, each row citing its checkpoint.</summary>
public static class StatisticsApi
{
    public static void MapStatistics(this IEndpointRouteBuilder app)
    {
        var statistics = app.MapGroup("/statistics").WithTags("Public statistics").AllowAnonymous();
        statistics.MapGet("/facilities.csv", async (StatisticsCache cache, HttpContext http, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
            {
                var cited = await cache.GetAsync(ct);
                await WriteCsvAsync(http, "custody-statistics-facilities.csv", Reports.ExportColumns.In(Reports.ExportColumns.FacilityStatistics, localizer.Words()),
                    cited.Statistics.Facilities.Select(r => (string[])[r.Agreement, r.Facility, r.Month, S(r.Transferred), S(r.PersonNights), S(r.PeakAtMidnight),
                        S(r.Released), S(r.Returned), S(r.Deaths), S(r.Incidents), r.FacilityCapacity.ToString(CultureInfo.InvariantCulture),
                        S(r.FindingsCritical), S(r.FindingsSerious), S(r.FindingsMinor), .. Cite(cited.Checkpoint)]), ct);
            })
            .WithSummary("Per agreement, facility and month: people transferred, held at midnight (person-nights, peak), released, returned, deaths, incidents, capacity and findings by severity. Counts under 5 read 'fewer than 5'.");
        statistics.MapGet("/fees.csv", async (StatisticsCache cache, HttpContext http, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
            {
                var cited = await cache.GetAsync(ct);
                await WriteCsvAsync(http, "custody-statistics-fees.csv", Reports.ExportColumns.In(Reports.ExportColumns.FeeStatistics, localizer.Words()),
                    cited.Statistics.Fees.Select(r => (string[])[r.Agreement, r.Month, S(r.DaysInvoiced), S(r.DaysPaid), .. Cite(cited.Checkpoint)]), ct);
            })
            .WithSummary("Per agreement and month: days invoiced and days paid. Counts under 5 read 'fewer than 5'.");
        statistics.MapGet("/held.svg", async (StatisticsCache cache, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
                Results.Text(Reports.OccupancyCharts.PublicHeld((await cache.GetAsync(ct)).Statistics.Facilities, localizer.Words()), ContentTypes.Svg))
            .WithSummary("Peak held at midnight by facility and month; months with fewer than 5 are left blank.");
    }

    private static string S(int count) => PublicStatistics.Show(count);

    private static string[] Cite(LedgerCheckpoint checkpoint) =>
        [checkpoint.Size.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(checkpoint.RootHash)];

    private static async Task WriteCsvAsync(HttpContext http, string name, string[] header, IEnumerable<string[]> rows, CancellationToken ct)
    {
        http.Response.ContentType = ContentTypes.Csv;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await using var csv = CsvWriter.Create(http.Response.Body, Reports.CsvExport.Options(), leaveOpen: true);
        await csv.WriteRecordAsync(header, ct);
        foreach (var row in rows)
        {
            await csv.WriteRecordAsync(row, ct);
        }
        await csv.FlushAsync(ct);
    }
}
