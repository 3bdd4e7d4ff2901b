using Custody.Agreements;
using Custody.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Pages.Agreements;

public sealed class CompareModel(CustodyDbContext db) : PageModel
{
    public VersionComparison? Comparison { get; private set; }

    public IReadOnlyList<int> Numbers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, int? a, int? b, CancellationToken cancellationToken)
    {
        var result = await new CompareVersions(db).RunAsync(id, a, b, cancellationToken);
        if (result.Value is null)
        {
            return NotFound();
        }
        Comparison = result.Value;
        Numbers = await db.AgreementVersions.Where(v => v.AgreementId == id).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(cancellationToken);
        return Page();
    }
}
