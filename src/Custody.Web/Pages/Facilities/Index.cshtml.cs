using Custody.Facilities;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Facilities;

/// <summary>The facilities of both states, each linking to its register.</summary>
public sealed class IndexModel(ReadRegister read) : PageModel
{
    public IReadOnlyList<FacilityView> Facilities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Facilities = await read.FacilitiesAsync(cancellationToken);
}
