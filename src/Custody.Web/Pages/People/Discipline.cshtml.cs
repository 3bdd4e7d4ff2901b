using Custody.Common;
using Custody.Discipline;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

/// <summary>A person's disciplinary measures, and the form to record one; a sanction the Mandela Rules forbid is refused naming the rule.</summary>
public sealed class DisciplineModel(ReadDisciplinaryMeasures discipline, IAuthorizationService authorization) : PageModel
{
    public sealed class MeasureForm
    {
        public string? Offence { get; set; }
        public string? HearingAt { get; set; }
        public string? HearingOutcome { get; set; }
        public string? Sanction { get; set; }
        public string? StartsOn { get; set; }
        public int? Days { get; set; }
        public bool Assessed { get; set; }
        public bool Pregnant { get; set; }
        public bool DisabilityWorsened { get; set; }
        public bool Collective { get; set; }
    }

    [BindProperty]
    public MeasureForm Form { get; set; } = new();

    public Guid PersonId { get; private set; }

    public IReadOnlyList<DisciplinaryMeasureView> Measures { get; private set; } = [];

    public bool MayRecord { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid personId, CancellationToken cancellationToken) =>
        await LoadAsync(personId, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAsync(Guid personId, [FromServices] RecordDisciplinaryMeasure record, CancellationToken cancellationToken) =>
        PageCommand.RunAsync(this, authorization, Policies.KeepRegister, async () => (await record.HandleAsync(new PersonId(personId),
                new RecordMeasureRequest(Form.Offence, Form.HearingAt, Form.HearingOutcome, Form.Sanction, Form.StartsOn, Form.Days,
                    Form.Assessed ? new HealthAssessment(Form.Pregnant, Form.DisabilityWorsened) : null, Form.Collective),
                ApiResults.ViewerOf(User), cancellationToken)).Failure,
            $"/People/Discipline/{personId}", () => LoadAsync(personId, cancellationToken));

    private async Task<bool> LoadAsync(Guid personId, CancellationToken cancellationToken)
    {
        var measures = await discipline.ListAsync(new PersonId(personId), ApiResults.ViewerOf(User), cancellationToken);
        if (measures.Value is null)
        {
            return false;
        }
        PersonId = personId;
        Measures = measures.Value;
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.KeepRegister)).Succeeded;
        return true;
    }
}
