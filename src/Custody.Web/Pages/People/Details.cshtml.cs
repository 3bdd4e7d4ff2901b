using Custody.People;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

public sealed class DetailsModel(GetPerson get) : PageModel
{
    public PersonDetail? Person { get; private set; }

    public System.Text.Json.Nodes.JsonNode? Aliases => Person?.Facts["names"]?["aliases"];

    public IReadOnlyList<PersonHistoryEntry> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = ApiResults.ViewerOf(User);
        var result = await get.RunAsync(id, viewer, "page", cancellationToken);
        if (result.Value is null)
        {
            return NotFound();
        }
        Person = result.Value;
        History = (await get.HistoryAsync(id, viewer, cancellationToken)).Value ?? [];
        return Page();
    }
}
