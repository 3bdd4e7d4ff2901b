using Custody.People;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

[Custody.Web.Infrastructure.LogsOwnReads]
public sealed class IndexModel(SearchPeople search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Nationality { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CountryOfBirth { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Fact { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PeoplePage? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await search.RunAsync(new PeopleQuery(Q, Nationality, CountryOfBirth, Fact, PageNumber), ApiResults.ViewerOf(User), cancellationToken);
        if (result.Failure is Custody.Common.Invalid invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }
            return;
        }
        Results = result.Value;
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["nationality"] = Nationality, ["countryOfBirth"] = CountryOfBirth, ["fact"] = Fact, ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
