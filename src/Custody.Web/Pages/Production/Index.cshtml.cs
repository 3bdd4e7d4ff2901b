using Custody.Production;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Pages.Production;

/// <summary>
/// The open production requests, overdue first, for courts, custodians and oversight; a custodian
/// answers one here from the person's latest welfare check (the place comes from the register).
/// </summary>
public sealed class IndexModel(DeclareWhereabouts declare, ReadProductionRequests read, Persistence.CustodyDbContext db, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<ProductionRequestView> Requests { get; private set; } = [];

    public Dictionary<Guid, string> Names { get; private set; } = [];

    public bool MayDeclare { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostDeclareAsync(Guid requestId, string? producedBy, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.DeclareWhereabouts)).Succeeded)
        {
            return Forbid();
        }
        var person = await db.ProductionRequests.Where(r => r.Id == requestId).Select(r => (Guid?)r.PersonId).SingleOrDefaultAsync(cancellationToken);
        var latest = person is null ? null : await db.WelfareChecks.Where(c => c.PersonId == person).OrderByDescending(c => c.SeenAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var result = await declare.HandleAsync(requestId, new DeclareWhereaboutsRequest(latest, null, null, producedBy), ApiResults.ViewerOf(User), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/Production");
        }
        PageErrors.Add(this, result.Failure!);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Requests = [.. (await read.ListAsync(null, overdueOnly: false, cancellationToken)).OrderByDescending(r => r.Overdue).ThenBy(r => r.Deadline)];
        var ids = Requests.Select(r => r.PersonId).Distinct().ToList();
        Names = await db.People.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => $"{p.GivenName} {p.FamilyName}", cancellationToken);
        MayDeclare = (await authorization.AuthorizeAsync(User, Policies.DeclareWhereabouts)).Succeeded;
    }
}
