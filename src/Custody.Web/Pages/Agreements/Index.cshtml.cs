using Custody.Agreements;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Agreements;

public sealed class IndexModel(ReadAgreements read) : PageModel
{
    public IReadOnlyList<AgreementSummary> Agreements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Agreements = await read.ListAsync(cancellationToken);
}
