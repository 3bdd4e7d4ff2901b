using Custody.Common;
using Custody.Complaints;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

/// <summary>A person's requests and complaints: file one (ill-treatment goes at once to the independent authority), acknowledge, answer.</summary>
public sealed class ComplaintsModel(ReadComplaints complaints, IAuthorizationService authorization) : PageModel
{
    public Guid PersonId { get; private set; }

    public IReadOnlyList<ComplaintView> Complaints { get; private set; } = [];

    public bool MayFile { get; private set; }

    public bool MayAnswer { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken cancellationToken) =>
        await LoadAsync(personId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFileAsync(Guid personId, string? filedBy, string? kind, string? text, [FromServices] FileComplaint file,
        CancellationToken cancellationToken) =>
        await RunAsync(personId, Policies.FileComplaints, async () => (await file.HandleAsync(new PersonId(personId), new FileComplaintRequest(filedBy, kind, text), ApiResults.ViewerOf(User),
            cancellationToken)).Failure, cancellationToken);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid personId, Guid complaintId, [FromServices] AcknowledgeComplaint acknowledge, CancellationToken cancellationToken) =>
        await RunAsync(personId, Policies.KeepRegister, async () => (await acknowledge.HandleAsync(complaintId, ApiResults.ViewerOf(User), cancellationToken)).Failure,
            cancellationToken);

    public async Task<IActionResult> OnPostAnswerAsync(Guid personId, Guid complaintId, string? answer, [FromServices] AnswerComplaint answerComplaint,
        CancellationToken cancellationToken) =>
        await RunAsync(personId, Policies.KeepRegister, async () => (await answerComplaint.HandleAsync(complaintId, new AnswerComplaintRequest(answer), ApiResults.ViewerOf(User),
            cancellationToken)).Failure, cancellationToken);

    private Task<IActionResult> RunAsync(Guid personId, string policy, Func<Task<Custody.Common.Failure?>> command, CancellationToken cancellationToken) =>
        PageCommand.RunAsync(this, authorization, policy, command, $"/People/Complaints/{personId}", () => LoadAsync(personId, cancellationToken));

    private async Task<bool> LoadAsync(Guid personId, CancellationToken cancellationToken)
    {
        var list = await complaints.ListAsync(new PersonId(personId), ApiResults.ViewerOf(User), cancellationToken);
        if (list.Value is null)
        {
            return false;
        }
        PersonId = personId;
        Complaints = list.Value;
        MayFile = (await authorization.AuthorizeAsync(User, Policies.FileComplaints)).Succeeded;
        MayAnswer = (await authorization.AuthorizeAsync(User, Policies.KeepRegister)).Succeeded;
        return true;
    }
}
