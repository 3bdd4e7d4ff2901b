using Custody.Common;
using Custody.Corrections;
using Custody.Transfers;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

/// <summary>
/// Corrections of a person's records, never edits: propose one (a custody record's time or field, or
/// a register field) with a reason, and approve or reject those of your side that someone else proposed.
/// </summary>
public sealed class CorrectionsModel(ProposeCorrection propose, DecideCorrection decide, ReadCorrections read, ReadCustody custody, IAuthorizationService authorization) : PageModel
{
    /// <summary>What to correct: <c>occurredAt</c>, a custody-record field, or <c>register:FIELD</c>.</summary>
    public sealed class ProposeForm
    {
        public int? CustodyRecordNumber { get; set; }
        public string? What { get; set; }
        public string? Value { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty]
    public ProposeForm Form { get; set; } = new();

    public Guid PersonId { get; private set; }

    public IReadOnlyList<CorrectionView> Corrections { get; private set; } = [];

    public IReadOnlyList<CustodyRecordView> Records { get; private set; } = [];

    public bool MayCorrect { get; private set; }

    public string Actor => ApiResults.ViewerOf(User).Actor;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostProposeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await MayAsync())
        {
            return Forbid();
        }
        var what = Form.What ?? "";
        var request = what.StartsWith("register:", StringComparison.Ordinal)
            ? new ProposeCorrectionRequest(null, null, what["register:".Length..], Form.Value, Form.Reason)
            : what == "occurredAt"
                ? new ProposeCorrectionRequest(Form.CustodyRecordNumber, Form.Value, null, null, Form.Reason)
                : new ProposeCorrectionRequest(Form.CustodyRecordNumber, null, what, Form.Value, Form.Reason);
        var result = await propose.HandleAsync(new PersonId(id), request, ApiResults.ViewerOf(User), cancellationToken);
        return await AfterAsync(id, result.Failure, cancellationToken);
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid correctionId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        if (!await MayAsync())
        {
            return Forbid();
        }
        var result = await decide.HandleAsync(correctionId, new DecideCorrectionRequest(approve, reason), ApiResults.ViewerOf(User), cancellationToken);
        return await AfterAsync(id, result.Failure, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Failure? failure, CancellationToken cancellationToken)
    {
        switch (failure)
        {
            case null:
                return Redirect($"/People/Corrections/{id}");
            case Custody.Common.NotFound:
                return NotFound();
            case Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
        }
        PageErrors.Add(this, failure);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> MayAsync() => (await authorization.AuthorizeAsync(User, Policies.CorrectRecords)).Succeeded;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = ApiResults.ViewerOf(User);
        var list = await read.ListAsync(new PersonId(id), viewer, cancellationToken);
        if (list.Value is null)
        {
            return false;
        }
        PersonId = id;
        Corrections = list.Value;
        Records = (await custody.TimelineAsync(id, viewer, logAccess: false, cancellationToken)).Value ?? [];
        MayCorrect = await MayAsync();
        return true;
    }
}
