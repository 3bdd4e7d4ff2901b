using Custody.Agreements;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Screenings;

public sealed class IndexModel(CustodyDbContext db, ReadAgreements agreements, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Agreement { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? At { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    public IReadOnlyList<AgreementSummary> Agreements { get; private set; } = [];

    public ScreeningSummary? Summary { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Agreements = await agreements.ListAsync(cancellationToken);
        Agreement ??= Agreements.Count > 0 ? Agreements[0].Id : null;
        var query = ScreeningApi.ParseQuery(At, Outcome, Reason, 1, 500, time);
        if (query.Failure is Invalid invalid)
        {
            invalid.Errors.ToList().ForEach(e => ModelState.AddModelError(e.Field, e.Message));
            return;
        }
        if (Agreement is null)
        {
            return;
        }
        At ??= query.Value.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var register = new ScreenRegister(db, time);
        var run = await register.PrepareAsync(new ScreeningRequest(Agreement, query.Value.At, []), ApiResults.ViewerOf(User), cancellationToken);
        if (run.Failure is { } failure)
        {
            ModelState.AddModelError("agreement", failure.Message);
            return;
        }
        Summary = await ScreeningSummary.CollectAsync(run.Value!, register.ScreenAsync(run.Value!, cancellationToken), query.Value.Filter, cancellationToken);
    }

    public string FilterQuery(string reason) => Query(("reason", reason), ("outcome", null));

    public string ExportQuery => Query();

    private string Query(params (string Name, string? Value)[] overrides)
    {
        var values = new Dictionary<string, string?> { ["agreement"] = Agreement, ["at"] = At, ["outcome"] = Outcome, ["reason"] = Reason };
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }
        return QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value))).ToUriComponent().TrimStart('?');
    }
}
