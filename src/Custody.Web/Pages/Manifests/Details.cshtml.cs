using Custody.Common;
using Custody.Transfers;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Pages.Manifests;

/// <summary>
/// One manifest: its people, alerts, reconciliation, and the actions each role may take at this
/// stage. Every action is the same command as the API's; a refusal is shown with its reasons.
/// </summary>
public sealed class DetailsModel(ReadManifests read, Persistence.CustodyDbContext db, IAuthorizationService authorization) : PageModel
{
    public ManifestView Manifest { get; private set; } = null!;

    public bool MayBuild { get; private set; }

    public bool MayEscort { get; private set; }

    public bool MayDispatch { get; private set; }

    public bool MayReceive { get; private set; }

    public bool MayArrive { get; private set; }

    public bool MayRecord { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id, string? externalId, string? role, [FromServices] AddToManifest add, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.ExternalId == (externalId ?? "").Trim()).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return await RunAsync(id, Policies.BuildManifests, () => Task.FromResult(Result<ManifestView>.Fail(
                new Invalid([new FieldError("externalId", $"No person with record id {externalId} in the register.")]))), cancellationToken);
        }
        return await RunAsync(id, Policies.BuildManifests, () => add.HandleAsync(new ManifestId(id), new AddToManifestRequest(new PersonId(person.Value), role), Viewer, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid personId, string? reason, [FromServices] RemoveFromManifest remove, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => remove.HandleAsync(new ManifestId(id), new PersonId(personId), new ReasonRequest(reason), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostLockAsync(Guid id, [FromServices] LockManifest @lock, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => @lock.HandleAsync(new ManifestId(id), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, string? reason, [FromServices] UnlockManifest unlock, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => unlock.HandleAsync(new ManifestId(id), new ReasonRequest(reason), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSubstituteAsync(Guid id, Guid? outgoing, Guid? incoming, string? reason, [FromServices] SubstituteAlternate substitute, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => substitute.HandleAsync(new ManifestId(id), new SubstituteRequest(PersonIdOf(outgoing), PersonIdOf(incoming), reason), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostBoardAsync(Guid id, Guid personId, string? outcome, string? identifier, string? reason, [FromServices] RecordBoarding board, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.EscortManifests, () => board.HandleAsync(new ManifestId(id), new PersonId(personId), new BoardingRequest(outcome, identifier, reason, null), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDisembarkAsync(Guid id, Guid personId, string? reason, [FromServices] DisembarkPerson disembark, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.EscortManifests, () => disembark.HandleAsync(new ManifestId(id), new PersonId(personId), new ReasonRequest(reason), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRescreenAsync(Guid id, [FromServices] RescreenManifest rescreen, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => rescreen.HandleAsync(new ManifestId(id), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDepartAsync(Guid id, [FromServices] DepartManifest depart, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => depart.HandleAsync(new ManifestId(id), new DepartRequest(null), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostArriveAsync(Guid id, [FromServices] ArriveManifest arrive, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.ArriveManifests, () => arrive.HandleAsync(new ManifestId(id), new ArriveRequest(null), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDispatchAsync(Guid id, Guid personId, [FromServices] DispatchPerson dispatch, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.DispatchPeople, () => dispatch.HandleAsync(new ManifestId(id), new PersonId(personId), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReceiveAsync(Guid id, Guid personId, [FromServices] ReceivePerson receive, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.ReceivePeople, () => receive.HandleAsync(new ManifestId(id), new PersonId(personId), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDiscrepancyAsync(Guid id, Guid? personId, string? kind, string? note, [FromServices] RecordDiscrepancy record, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.RecordIncidents, () => record.HandleAsync(new ManifestId(id), new DiscrepancyRequest(PersonIdOf(personId), kind, note), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostIncidentAsync(Guid id, Guid? personId, string? kind, string? details, string? circumstances, string? cause, string? remains,
        [FromServices] RecordIncidentInTransit record,
        CancellationToken cancellationToken) =>
        RunAsync(id, Policies.RecordIncidents, () => record.HandleAsync(new ManifestId(id), new RecordIncidentRequest(kind, PersonIdOf(personId), null, details, circumstances, cause, remains),
            Viewer, cancellationToken), cancellationToken);

    private Custody.Access.Viewer Viewer => ApiResults.ViewerOf(User);

    private static PersonId? PersonIdOf(Guid? id) => id is { } value ? new PersonId(value) : null;

    private async Task<IActionResult> RunAsync(Guid id, string policy, Func<Task<Result<ManifestView>>> command, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, policy)).Succeeded)
        {
            return Forbid();
        }
        var result = await command();
        if (result.Failure is null)
        {
            return RedirectToPage(new { id });
        }
        if (result.Failure is NotFound && !await db.Manifests.AnyAsync(m => m.Id == id, cancellationToken))
        {
            return NotFound();
        }
        PageErrors.Add(this, result.Failure);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await read.FindAsync(id, cancellationToken) is not { } manifest)
        {
            return false;
        }
        Manifest = manifest;
        MayBuild = (await authorization.AuthorizeAsync(User, Policies.BuildManifests)).Succeeded;
        MayEscort = (await authorization.AuthorizeAsync(User, Policies.EscortManifests)).Succeeded;
        // The buttons of this movement's direction only: on a return the sides swap.
        MayDispatch = (await authorization.AuthorizeAsync(User, Policies.DispatchPeople)).Succeeded && HandOverSides.Refuse(manifest.Direction, receiving: false, Viewer) is null;
        MayReceive = (await authorization.AuthorizeAsync(User, Policies.ReceivePeople)).Succeeded && HandOverSides.Refuse(manifest.Direction, receiving: true, Viewer) is null;
        MayArrive = (await authorization.AuthorizeAsync(User, Policies.ArriveManifests)).Succeeded;
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.RecordIncidents)).Succeeded;
        return true;
    }
}
