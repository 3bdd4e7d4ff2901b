using Custody.Facilities;
using Custody.Transfers;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Pages.Manifests;

/// <summary>The manifest board: every movement by status, and (for supervisors) a form to create one.</summary>
public sealed class IndexModel(ReadManifests read, CreateManifest create, ReadRegister register, Persistence.CustodyDbContext db,
    IAuthorizationService authorization) : PageModel
{
    [BindProperty]
    public CreateManifestRequest Form { get; set; } = new(null, null, null, null, null, null);

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<ReadManifests.BoardRow> Rows { get; private set; } = [];

    public IReadOnlyList<FacilityView> Facilities { get; private set; } = [];

    public IReadOnlyList<string> Agreements { get; private set; } = [];

    public bool MayBuild { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.BuildManifests)).Succeeded)
        {
            return Forbid();
        }
        var result = await create.HandleAsync(Form, ApiResults.ViewerOf(User), cancellationToken);
        if (result.Value is { } created)
        {
            return RedirectToPage("Details", new { id = created.Id });
        }
        PageErrors.Add(this, result.Failure!);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await read.BoardAsync(Status, cancellationToken);
        Facilities = await register.FacilitiesAsync(cancellationToken);
        Agreements = await db.Agreements.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        MayBuild = (await authorization.AuthorizeAsync(User, Policies.BuildManifests)).Succeeded;
    }
}
