using Custody.Common;
using Custody.Facilities;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Facilities;

/// <summary>A facility's inspections: the checklist form for inspectors, findings with severity, follow-up actions and the overdue list.</summary>
public sealed class InspectionsModel(ReadInspections inspections, IAuthorizationService authorization) : PageModel
{
    public sealed class ChecklistForm
    {
        public string? CellId { get; set; }
        public int? Occupants { get; set; }
        public decimal? Water { get; set; }
        public int? Toilets { get; set; }
        public int? Showers { get; set; }
        public decimal? Temperature { get; set; }
        public int? LightingHours { get; set; }
        public bool LightsOn24Hours { get; set; }
        public bool NaturalLight { get; set; }
        public string? Ventilation { get; set; }
        public string? Sanitation { get; set; }
        public int? Mattresses { get; set; }
        public string? ActionDescription { get; set; }
        public string? ActionOwner { get; set; }
        public string? ActionDeadline { get; set; }
    }

    [BindProperty]
    public ChecklistForm Form { get; set; } = new();

    public string FacilityId { get; private set; } = "";

    public IReadOnlyList<InspectionView> Inspections { get; private set; } = [];

    public IReadOnlyList<FollowUpActionView> Overdue { get; private set; } = [];

    public bool MayInspect { get; private set; }

    public bool MayComplete { get; private set; }

    public async Task OnGetAsync(string id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostRecordAsync(string id, [FromServices] RecordInspection record, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Inspect)).Succeeded)
        {
            return Forbid();
        }
        var f = Form;
        IReadOnlyList<FollowUpRequest> actions = string.IsNullOrWhiteSpace(f.ActionDescription) ? [] : [new(f.ActionDescription, f.ActionOwner, f.ActionDeadline)];
        var result = await record.HandleAsync(new FacilityId(id), new RecordInspectionRequest(f.CellId, null, new InspectionMeasurements(f.Occupants, f.Water, f.Toilets, f.Showers,
            f.Temperature, f.LightingHours, f.LightsOn24Hours, f.NaturalLight, f.Ventilation, f.Sanitation, f.Mattresses), actions), ApiResults.ViewerOf(User), cancellationToken);
        return await AfterAsync(id, result.Failure, cancellationToken);
    }

    public async Task<IActionResult> OnPostCompleteAsync(string id, Guid actionId, [FromServices] CompleteInspectionAction complete, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.KeepRegister)).Succeeded)
        {
            return Forbid();
        }
        return await AfterAsync(id, (await complete.HandleAsync(actionId, ApiResults.ViewerOf(User), cancellationToken)).Failure, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string id, Failure? failure, CancellationToken cancellationToken)
    {
        if (failure is null)
        {
            return RedirectToPage(new { id });
        }
        PageErrors.Add(this, failure);
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(string id, CancellationToken cancellationToken)
    {
        FacilityId = id;
        Inspections = await inspections.ListAsync(new FacilityId(id), cancellationToken);
        Overdue = await inspections.OverdueAsync(new FacilityId(id), cancellationToken);
        MayInspect = (await authorization.AuthorizeAsync(User, Policies.Inspect)).Succeeded;
        MayComplete = (await authorization.AuthorizeAsync(User, Policies.KeepRegister)).Succeeded;
    }
}
