using Custody.Ledger;
using Custody.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Ledger;

public sealed class IndexModel(CustodyDbContext db) : PageModel
{
    public LedgerHeadView Head { get; private set; } = new(0, "", "", null);

    public LedgerVerification? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Head = await LedgerHeadView.ReadAsync(db, cancellationToken);

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Result = await new VerifyLedger(db).RunAsync(null, null, cancellationToken);
        Head = await LedgerHeadView.ReadAsync(db, cancellationToken);
    }
}
