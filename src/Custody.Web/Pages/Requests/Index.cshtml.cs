using Custody.InformationRequests;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Requests;

/// <summary>Relatives' requests still open, overdue first: the custodian answers here; inspectors and courts see what is late.</summary>
public sealed class IndexModel(AnswerInformationRequest answer, ReadInformationRequests read, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<InformationRequestView> Open { get; private set; } = [];

    public bool MayAnswer { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAnswerAsync(Guid requestId, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.KeepRegister)).Succeeded)
        {
            return Forbid();
        }
        var result = await answer.HandleAsync(requestId, ApiResults.ViewerOf(User), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/Requests");
        }
        PageErrors.Add(this, result.Failure!);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Open = await read.ListOpenAsync(overdueOnly: false, cancellationToken);
        MayAnswer = (await authorization.AuthorizeAsync(User, Policies.KeepRegister)).Succeeded;
    }
}
