using Custody.Ledger;
using Custody.Persistence;
using Custody.WorkQueue;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Pages;

/// <summary>Each user's home: the work their roles ask of them now, then the register at a glance.</summary>
public sealed class IndexModel(CustodyDbContext db, ReadWorkToDo queue) : PageModel
{
    public IReadOnlyList<WorkItem> Work { get; private set; } = [];

    public int People { get; private set; }

    public int Agreements { get; private set; }

    public LedgerHeadView Head { get; private set; } = new(0, "", "", null);

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Roles = global::Custody.Access.Roles.All.Where(User.IsInRole).ToList();
        Work = await queue.ForAsync(Roles, cancellationToken);
        People = await db.People.CountAsync(cancellationToken);
        Agreements = await db.Agreements.CountAsync(cancellationToken);
        Head = await LedgerHeadView.ReadAsync(db, cancellationToken);
    }
}
