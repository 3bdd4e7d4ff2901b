using Custody.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Agreements;

public sealed class DetailsModel(ReadAgreements read) : PageModel
{
    public AgreementDetail? Agreement { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Agreement = (await read.GetAsync(id, cancellationToken)).Value;
        return Agreement is null ? NotFound() : Page();
    }
}
