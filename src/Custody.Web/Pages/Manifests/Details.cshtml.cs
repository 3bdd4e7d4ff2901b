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
public sealed class DetailsModel(ReadManifests read, ManifestCommands manifests, BoardingCommands boarding, HandOverCommands handOver,
    IncidentCommands incidents, Persistence.CustodyDbContext db, IAuthorizationService authorization) : PageModel
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

    public async Task<IActionResult> OnPostAddAsync(Guid id, string? externalId, string? role, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.ExternalId == (externalId ?? "").Trim()).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return await RunAsync(id, Policies.BuildManifests, () => Task.FromResult(Result<ManifestView>.Fail(
                new Invalid([new FieldError("externalId", $"No person with record id {externalId} in the register.")]))), cancellationToken);
        }
        return await RunAsync(id, Policies.BuildManifests, () => manifests.AddPersonAsync(id, new AddToManifestRequest(person, role), Viewer, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid personId, string? reason, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => manifests.RemovePersonAsync(id, personId, new ReasonRequest(reason), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => manifests.LockAsync(id, Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => manifests.UnlockAsync(id, new ReasonRequest(reason), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSubstituteAsync(Guid id, Guid? outgoing, Guid? incoming, string? reason, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => manifests.SubstituteAsync(id, new SubstituteRequest(outgoing, incoming, reason), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostBoardAsync(Guid id, Guid personId, string? outcome, string? identifier, string? reason, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.EscortManifests, () => boarding.BoardAsync(id, personId, new BoardingRequest(outcome, identifier, reason, null), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDisembarkAsync(Guid id, Guid personId, string? reason, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.EscortManifests, () => boarding.DisembarkAsync(id, personId, new ReasonRequest(reason), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRescreenAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => boarding.RescreenAsync(id, Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDepartAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.BuildManifests, () => boarding.DepartAsync(id, new DepartRequest(null), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostArriveAsync(Guid id, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.ArriveManifests, () => handOver.ArriveAsync(id, new ArriveRequest(null), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDispatchAsync(Guid id, Guid personId, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.DispatchPeople, () => handOver.DispatchAsync(id, personId, Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReceiveAsync(Guid id, Guid personId, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.ReceivePeople, () => handOver.ReceiveAsync(id, personId, Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDiscrepancyAsync(Guid id, Guid? personId, string? kind, string? note, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.RecordIncidents, () => handOver.RecordDiscrepancyAsync(id, new DiscrepancyRequest(personId, kind, note), Viewer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostIncidentAsync(Guid id, Guid? personId, string? kind, string? details, string? circumstances, string? cause, string? remains,
        CancellationToken cancellationToken) =>
        RunAsync(id, Policies.RecordIncidents, () => incidents.RecordInTransitAsync(id, new RecordIncidentRequest(kind, personId, null, details, circumstances, cause, remains),
            Viewer, cancellationToken), cancellationToken);

    private Custody.Access.Viewer Viewer => ApiResults.ViewerOf(User);

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
        PageErrors.Add(ModelState, result.Failure);
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
