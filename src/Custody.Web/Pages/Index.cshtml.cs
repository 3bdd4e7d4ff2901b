using Custody.Ledger;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Pages;

public sealed class IndexModel(CustodyDbContext db) : PageModel
{
    public int People { get; private set; }

    public int Agreements { get; private set; }

    public LedgerHeadView Head { get; private set; } = new(0, "", "", null);

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        People = await db.People.CountAsync(cancellationToken);
        Agreements = await db.Agreements.CountAsync(cancellationToken);
        Head = await LedgerHeadView.ReadAsync(db, cancellationToken);
        Roles = global::Custody.Access.Roles.All.Where(User.IsInRole).ToList();
    }
}
