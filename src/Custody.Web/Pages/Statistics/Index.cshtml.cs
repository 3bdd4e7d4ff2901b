using Custody.Transparency;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Statistics;

/// <summary>The public statistics page: the same tables as the CSV downloads, the chart, and the checkpoint they cite.</summary>
public sealed class IndexModel(StatisticsCache cache, LogIdentity log) : PageModel
{
    public CitedStatistics Cited { get; private set; } = null!;

    public string LogKey => log.PublicKey.ToString();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Cited = await cache.GetAsync(cancellationToken);
}
