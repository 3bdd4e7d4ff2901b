using Custody.Common;
using Custody.Hearings;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

/// <summary>A person's judicial process: hearings (court, date, purpose), then whether counsel was present and the outcome.</summary>
public sealed class HearingsModel(ReadHearings hearings, IAuthorizationService authorization) : PageModel
{
    public Guid PersonId { get; private set; }

    public IReadOnlyList<HearingView> Hearings { get; private set; } = [];

    public bool MayRecord { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, string? court, string? at, string? purpose, string? docket, [FromServices] ScheduleHearing schedule,
        CancellationToken cancellationToken) =>
        await RunAsync(id, async () => (await schedule.HandleAsync(new PersonId(id), new ScheduleHearingRequest(court, at, purpose, docket), ApiResults.ViewerOf(User), cancellationToken)).Failure,
            cancellationToken);

    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, Guid hearingId, bool counselPresent, string? outcome, [FromServices] RecordHearingOutcome record,
        CancellationToken cancellationToken) =>
        await RunAsync(id, async () => (await record.HandleAsync(hearingId, new HearingOutcomeRequest(counselPresent, outcome), ApiResults.ViewerOf(User),
            cancellationToken)).Failure, cancellationToken);

    private Task<IActionResult> RunAsync(Guid id, Func<Task<Custody.Common.Failure?>> command, CancellationToken cancellationToken) =>
        PageCommand.RunAsync(this, authorization, Policies.RecordHearings, command, $"/People/Hearings/{id}", () => LoadAsync(id, cancellationToken));

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var list = await hearings.ListAsync(new PersonId(id), ApiResults.ViewerOf(User), cancellationToken);
        if (list.Value is null)
        {
            return false;
        }
        PersonId = id;
        Hearings = list.Value;
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.RecordHearings)).Succeeded;
        return true;
    }
}
