namespace Custody.Screening;

/// <summary>Which decisions of a run to list: by outcome and by reason, a page at a time.</summary>
public sealed record ScreeningFilter(string? Outcome = null, string? Reason = null, int Page = 1, int PageSize = 100);

/// <summary>
/// A run over the register: counts by outcome and by reason over everyone screened, and the page
/// of decisions that match the filter.
/// </summary>
public sealed record ScreeningSummary(
    string Agreement,
    int? AgreementVersion,
    string Destination,
    DateTimeOffset At,
    int Screened,
    int Eligible,
    int Blocked,
    IReadOnlyDictionary<string, int> ByReason,
    int Matching,
    int Page,
    int PageSize,
    IReadOnlyList<ScreenedPerson> Items)
{
    public static async Task<ScreeningSummary> CollectAsync(ScreeningRun run, IAsyncEnumerable<ScreenedPerson> decisions, ScreeningFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(filter);
        var byReason = ScreeningCodes.Reasons.ToDictionary(r => r, _ => 0);
        int screened = 0, eligible = 0, matching = 0;
        int? version = null;
        var items = new List<ScreenedPerson>();
        var skip = (filter.Page - 1) * filter.PageSize;
        await foreach (var screenedPerson in decisions.WithCancellation(cancellationToken))
        {
            var d = screenedPerson.Decision;
            version = d.AgreementVersion;
            screened++;
            eligible += d.IsEligible ? 1 : 0;
            foreach (var reason in d.Reasons)
            {
                byReason[reason]++;
            }
            if ((filter.Outcome is null || d.Outcome == filter.Outcome) && (filter.Reason is null || d.Reasons.Contains(filter.Reason)))
            {
                if (matching >= skip && items.Count < filter.PageSize)
                {
                    items.Add(screenedPerson);
                }
                matching++;
            }
        }
        return new ScreeningSummary(run.Agreement.Id, version, run.Agreement.ReceivingState, run.Request.At, screened, eligible, screened - eligible,
            byReason, matching, filter.Page, filter.PageSize, items);
    }
}
