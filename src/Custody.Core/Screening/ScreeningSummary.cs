namespace Custody.Screening;

/// <summary>Counts over a run's decisions: screened, eligible, blocked, by reason (in the table's order), and the version applied.</summary>
public sealed class ScreeningTally
{
    private readonly Dictionary<string, int> _byReason = ScreeningCodes.Reasons.ToDictionary(r => r, _ => 0);

    public int Screened { get; private set; }

    public int Eligible { get; private set; }

    public int Blocked => Screened - Eligible;

    public int? AgreementVersion { get; private set; }

    public IReadOnlyDictionary<string, int> ByReason => _byReason;

    public void Add(ScreeningDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        AgreementVersion = decision.AgreementVersion;
        Screened++;
        Eligible += decision.IsEligible ? 1 : 0;
        foreach (var reason in decision.Reasons)
        {
            _byReason[reason]++;
        }
    }
}

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
        var tally = new ScreeningTally();
        var matching = 0;
        var items = new List<ScreenedPerson>();
        var skip = (filter.Page - 1) * filter.PageSize;
        await foreach (var screenedPerson in decisions.WithCancellation(cancellationToken))
        {
            var d = screenedPerson.Decision;
            tally.Add(d);
            if ((filter.Outcome is null || d.Outcome == filter.Outcome) && (filter.Reason is null || d.Reasons.Contains(filter.Reason)))
            {
                if (matching >= skip && items.Count < filter.PageSize)
                {
                    items.Add(screenedPerson);
                }
                matching++;
            }
        }
        return new ScreeningSummary(run.Agreement.Id, tally.AgreementVersion, run.Agreement.ReceivingState, run.Request.At, tally.Screened, tally.Eligible, tally.Blocked,
            tally.ByReason, matching, filter.Page, filter.PageSize, items);
    }
}
