using Custody.Agreements;
using Custody.Common;
using Custody.People;
using Custody.Screening;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

public sealed class DetailsModel(GetPerson get, ScreenPerson screen, ReadAgreements agreements, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "agreement")]
    public string? Agreement { get; set; }

    [BindProperty(SupportsGet = true, Name = "at")]
    public string? At { get; set; }

    public ScreeningDecision? Decision { get; private set; }

    public IReadOnlyList<AgreementSummary> Agreements { get; private set; } = [];

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
        Agreements = await agreements.ListAsync(cancellationToken);
        var query = ScreeningApi.ParseQuery(At, null, null, null, null, time);
        if (query.Failure is Invalid invalid)
        {
            invalid.Errors.ToList().ForEach(e => ModelState.AddModelError(e.Field, e.Message));
        }
        else if (Agreements.Count > 0)
        {
            var decision = await screen.RunAsync(id, Agreement, query.Value.At, viewer, cancellationToken);
            if (decision.Failure is { } failure)
            {
                ModelState.AddModelError("agreement", failure.Message);
            }
            Decision = decision.Value;
        }
        return Page();
    }
}
