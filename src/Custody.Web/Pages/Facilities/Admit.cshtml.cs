using Custody.Common;
using Custody.Facilities;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Pages.Facilities;

/// <summary>The admission form: every register field stated, or marked declined or unknown (recorded with who said so).</summary>
public sealed class AdmitModel(AdmitPerson admit, Persistence.CustodyDbContext db) : PageModel
{
    public sealed class FieldInput
    {
        public string? Value { get; set; }

        public string? Status { get; set; }
    }

    [BindProperty]
    public Dictionary<string, FieldInput> Fields { get; set; } = [];

    public string PersonName { get; private set; } = "";

    public string? FacilityId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken cancellationToken) =>
        await LoadAsync(personId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken cancellationToken)
    {
        var request = new AdmitRequest(Fields.ToDictionary(f => f.Key, f => new RegisterField(string.IsNullOrWhiteSpace(f.Value.Status) ? f.Value.Value : null,
            string.IsNullOrWhiteSpace(f.Value.Status) ? null : f.Value.Status)), null);
        var result = await admit.HandleAsync(new PersonId(personId), request, ApiResults.ViewerOf(User), cancellationToken);
        if (result.Value is { } admission)
        {
            return Redirect($"/Facilities/Register/{admission.FacilityId}");
        }
        PageErrors.Add(this, result.Failure!);
        return await LoadAsync(personId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.GivenName, p.FamilyName, p.ExternalId }).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return false;
        }
        PersonName = $"{person.GivenName} {person.FamilyName} ({person.ExternalId})";
        FacilityId = await db.CustodyRecords.AsNoTracking().Where(r => r.PersonId == personId && r.IsCurrent).Select(r => r.FacilityId).SingleOrDefaultAsync(cancellationToken);
        return true;
    }
}
