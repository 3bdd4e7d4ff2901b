using Custody.Facilities;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

/// <summary>The art. 18 information for counsel and courts (for relatives): authority, dates and places, whereabouts, health, release or death — or the restriction and its ground.</summary>
public sealed class Article18Model(ReadRegister read) : PageModel
{
    public Article18Information Info { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await read.Article18Async(id, ApiResults.ViewerOf(User), cancellationToken);
        if (result.Value is null)
        {
            return NotFound();
        }
        Info = result.Value;
        return Page();
    }
}
