using Custody.Production;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Pages.Production;

/// <summary>A court orders a person's whereabouts declared, or the person produced, by a deadline.</summary>
public sealed class OrderModel(OrderProduction order, Persistence.CustodyDbContext db) : PageModel
{
    [BindProperty]
    public string? Kind { get; set; } = ProductionRequest.Whereabouts;

    [BindProperty]
    public string? Court { get; set; }

    /// <summary>The deadline in UTC, as the form's datetime-local value (yyyy-MM-ddTHH:mm).</summary>
    [BindProperty]
    public string? Deadline { get; set; }

    [BindProperty]
    public string? Docket { get; set; }

    [BindProperty]
    public string? Details { get; set; }

    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken cancellationToken) =>
        await LoadAsync(personId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid personId, CancellationToken cancellationToken)
    {
        // datetime-local has no zone: the form says UTC, and the request is an RFC 3339 instant.
        var deadline = string.IsNullOrWhiteSpace(Deadline) ? null : Deadline.Length == 16 ? Deadline + ":00Z" : Deadline + "Z";
        var result = await order.HandleAsync(new Custody.Common.PersonId(personId), new OrderProductionRequest(Kind, Court, deadline, Docket, Details), ApiResults.ViewerOf(User), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/Production");
        }
        PageErrors.Add(this, result.Failure!);
        return await LoadAsync(personId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.People.Where(p => p.Id == personId).Select(p => new { p.GivenName, p.FamilyName }).SingleOrDefaultAsync(cancellationToken);
        PersonName = person is null ? "" : $"{person.GivenName} {person.FamilyName}";
        return person is not null;
    }
}
