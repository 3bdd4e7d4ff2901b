using System.Globalization;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using CsvHelper;

namespace Custody.Web.Api;

/// <summary>Screening decisions: one person, or the whole register with counts by reason, as JSON or CSV.</summary>
public static class ScreeningApi
{
    public static void MapScreeningApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/people/{id:guid}/screening", async (Guid id, string? agreement, string? at, ScreenPerson screen, TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                var query = ParseQuery(at, null, null, null, null, time);
                return query.Failure is { } failure
                    ? Answer<ScreeningDecision>.Fail(failure)
                    : Answer<ScreeningDecision>.From(await screen.RunAsync(id, agreement, query.Value.At, ApiResults.ViewerOf(http.User), ct));
            })
            .WithTags("Screening")
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("Screen one person for transfer under an agreement (default: the first) at an instant (default: now), with every reason and the fact behind it.");

        var screenings = api.MapGroup("/screenings").WithTags("Screening").RequireAuthorization(Policies.ScreenRegister);
        screenings.MapGet("/", async (string agreement, string? at, string? outcome, string? reason, int? page, int? pageSize, CustodyDbContext db, TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                var query = ParseQuery(at, outcome, reason, page, pageSize, time);
                if (query.Failure is { } invalid)
                {
                    return Answer<ScreeningSummary>.Fail(invalid);
                }
                var register = new ScreenRegister(db, time);
                var run = await register.PrepareAsync(new ScreeningRequest(agreement, query.Value.At, []), ApiResults.ViewerOf(http.User), ct);
                return run.Failure is { } failure
                    ? Answer<ScreeningSummary>.Fail(failure)
                    : Answer<ScreeningSummary>.Ok(await ScreeningSummary.CollectAsync(run.Value!, register.ScreenAsync(run.Value!, ct), query.Value.Filter, ct));
            })
            .WithSummary("Screen everyone in the register: counts by outcome and reason, and a page of decisions filtered by outcome or reason.")
            .AsHeavy();
        screenings.MapGet("/export.csv", async (string agreement, string? at, string? outcome, string? reason, CustodyDbContext db, TimeProvider time, HttpContext http,
                Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
            {
                var query = ParseQuery(at, outcome, reason, null, null, time);
                if (query.Failure is { } invalid)
                {
                    return FileAnswer.Fail(invalid);
                }
                var register = new ScreenRegister(db, time);
                var run = await register.PrepareAsync(new ScreeningRequest(agreement, query.Value.At, []), ApiResults.ViewerOf(http.User), ct);
                if (run.Failure is { } failure)
                {
                    return FileAnswer.Fail(failure);
                }
                // The run was written to the access log by PrepareAsync, before any decision is produced.
                return FileAnswer.NamingNoOne(TypedResults.Stream(async body => await WriteCsvAsync(body, Reports.ExportColumns.In(Reports.ExportColumns.Screening, localizer.Words()), register.ScreenAsync(run.Value!, ct), query.Value.Filter, ct), ContentTypes.Csv,
                    $"screening-{agreement}-{query.Value.At.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.csv"));
            })
            .WithSummary("Every decision of a screening of the register as CSV (filtered by outcome or reason); column names in the request's language.")
            .AsHeavy()
            .ProducesFile("text/csv");
    }

    /// <summary>The instant (default now) and filters of a screening query, each checked and named when wrong.</summary>
    public static Result<(DateTimeOffset At, ScreeningFilter Filter)> ParseQuery(string? at, string? outcome, string? reason, int? page, int? pageSize, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var errors = new List<FieldError>();
        var instant = time.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(at) && !Instants.TryParseRfc3339(at.Trim(), out instant))
        {
            errors.Add(new FieldError("at", Instants.Rfc3339Expected));
        }
        if (!string.IsNullOrEmpty(outcome) && outcome is not (ScreeningCodes.Eligible or ScreeningCodes.Blocked))
        {
            errors.Add(new FieldError("outcome", "Either eligible or blocked."));
        }
        if (!string.IsNullOrEmpty(reason) && !ScreeningCodes.Reasons.Contains(reason))
        {
            errors.Add(new FieldError("reason", $"One of: {string.Join(", ", ScreeningCodes.Reasons)}."));
        }
        if (page is < 1)
        {
            errors.Add(new FieldError("page", "Page numbers start at 1."));
        }
        if (pageSize is < 1 or > 1000)
        {
            errors.Add(new FieldError("pageSize", "Page size must be between 1 and 1000."));
        }
        return errors.Count > 0
            ? new Invalid(errors)
            : Result<(DateTimeOffset, ScreeningFilter)>.Ok((instant, new ScreeningFilter(NullIfEmpty(outcome), NullIfEmpty(reason), page ?? 1, pageSize ?? 100)));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static async Task WriteCsvAsync(Stream body, string[] header, IAsyncEnumerable<ScreenedPerson> decisions, ScreeningFilter filter, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(body, Reports.CsvExport.Options(), leaveOpen: true);
        await csv.WriteRecordAsync(header, ct);
        await foreach (var (_, d) in decisions.WithCancellation(ct))
        {
            if ((filter.Outcome is not null && d.Outcome != filter.Outcome) || (filter.Reason is not null && !d.Reasons.Contains(filter.Reason)))
            {
                continue;
            }
            await csv.WriteRecordAsync(
            [
                d.Person, d.Outcome, string.Join(' ', d.Reasons), string.Join(' ', d.Flags), string.Join(' ', d.Categories),
                d.Agreement, d.AgreementVersion.ToString(CultureInfo.InvariantCulture), d.Destination,
                d.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ], ct);
        }
        await csv.FlushAsync(ct);
    }
}
