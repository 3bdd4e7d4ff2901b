using Custody.Common;
using Custody.Facilities;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Facilities;

/// <summary>
/// A facility's register: who awaits admission, who is held (cell, findings, welfare, disposition
/// due), occupancy by unit and cell, who has not been seen; with the actions of the staff and monitors.
/// </summary>
public sealed class RegisterModel(ReadRegister read, ReadRestrictions restrictions, ReadCellGrid cellGrid, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    /// <summary>The cells, unit by unit, banded by floor area per person against the standard.</summary>
    public IReadOnlyList<IGrouping<string, CellTile>> Grid { get; private set; } = [];

    public FacilityRegisterView View { get; private set; } = null!;

    /// <summary>People held each day of the occupancy chart, for the table beside it (empty while nobody is held: no chart then).</summary>
    public IReadOnlyList<OccupancyPoint> OverTime { get; private set; } = [];

    public IReadOnlyList<HeldPerson> NotSeen { get; private set; } = [];

    public IReadOnlyList<HeldPerson> DispositionDue { get; private set; } = [];

    public IReadOnlyList<ReadRegister.IncidentRow> Incidents { get; private set; } = [];

    public IReadOnlyList<AccessVisitView> DeniedVisits { get; private set; } = [];

    public IReadOnlyList<AccessVisit> PendingVisits { get; private set; } = [];

    public bool MayDecideAccess { get; private set; }

    public Task<IActionResult> OnPostVisitAsync(string id, Guid personId, string? visitor, string? role, [FromServices] RequestVisit visit, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.RecordWelfare, async () => (await visit.HandleAsync(new PersonId(personId), new VisitRequest(visitor, role), Viewer, cancellationToken)).Failure,
            cancellationToken);

    public Task<IActionResult> OnPostDecideVisitAsync(string id, Guid visitId, bool granted, string? reason, [FromServices] DecideVisit decide, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.DecideAccess, async () => (await decide.HandleAsync(visitId, new VisitDecision(granted, reason), Viewer, cancellationToken)).Failure,
            cancellationToken);

    public bool MayKeep { get; private set; }

    /// <summary>Restrictions on people held here that are past their review date (art. 20): for inspectors and courts to act on.</summary>
    public IReadOnlyList<(HeldPerson Person, RestrictionView Restriction)> LapsedRestrictions { get; private set; } = [];

    public bool MayRecordWelfare { get; private set; }

    public bool MayRecordIncidents { get; private set; }

    public Task<IActionResult> OnPostIncidentAsync(string id, Guid? personId, string? kind, string? details, string? circumstances, string? cause, string? remains,
        [FromServices] Custody.Transfers.RecordIncidentInFacility record, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.RecordIncidents, async () => (await record.HandleAsync(new FacilityId(id),
            new Custody.Transfers.RecordIncidentRequest(kind, personId is { } person ? new PersonId(person) : null, null, details, circumstances, cause, remains), Viewer,
            cancellationToken)).Failure, cancellationToken);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync(string id, Guid personId, string? cellId, [FromServices] AssignCell assign, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.KeepRegister, async () => (await assign.HandleAsync(new PersonId(personId), new AssignCellRequest(cellId), Viewer, cancellationToken)).Failure,
            cancellationToken);

    public Task<IActionResult> OnPostHospitalAsync(string id, Guid personId, string? hospital, string? reason, [FromServices] TakeToHospital take, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.KeepRegister, async () => (await take.HandleAsync(new PersonId(personId), new TakeToHospitalRequest(hospital, reason, null), Viewer, cancellationToken)).Failure,
            cancellationToken);

    public Task<IActionResult> OnPostBackFromHospitalAsync(string id, Guid personId, [FromServices] BringBackFromHospital bringBack, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.KeepRegister, async () => (await bringBack.HandleAsync(new PersonId(personId), new BackFromHospitalRequest(null), Viewer, cancellationToken)).Failure,
            cancellationToken);

    public Task<IActionResult> OnPostReleaseAsync(string id, Guid personId, string? kind, string? destination, string? authority, [FromServices] ReleasePerson release,
        CancellationToken cancellationToken) =>
        RunAsync(id, Policies.KeepRegister, async () => (await release.HandleAsync(new PersonId(personId), new ReleaseRequest(kind, null, destination, authority), Viewer,
            cancellationToken)).Failure,
            cancellationToken);

    public Task<IActionResult> OnPostWelfareAsync(string id, Guid personId, string? seenBy, string? identityConfirmedBy, string? condition, bool privateConversation,
        [FromServices] RecordWelfareCheck record, CancellationToken cancellationToken) =>
        RunAsync(id, Policies.RecordWelfare, async () => (await record.HandleAsync(new PersonId(personId),
            new WelfareCheckRequest(seenBy, null, condition, privateConversation, null, string.IsNullOrEmpty(identityConfirmedBy) ? null : identityConfirmedBy), Viewer,
            cancellationToken)).Failure, cancellationToken);

    private Custody.Access.Viewer Viewer => ApiResults.ViewerOf(User);

    private async Task<IActionResult> RunAsync(string id, string policy, Func<Task<Failure?>> command, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, policy)).Succeeded)
        {
            return Forbid();
        }
        if (await command() is not { } failure)
        {
            return RedirectToPage(new { id });
        }
        PageErrors.Add(this, failure);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await read.RegisterAsync(id, cancellationToken) is not { } view)
        {
            return false;
        }
        View = view;
        Grid = await cellGrid.ForAsync(view, cancellationToken);
        OverTime = view.Occupancy.Occupants == 0 ? []
            : await read.OccupancyOverTimeAsync(id, time.GetUtcNow().UtcDateTime, ReadRegister.OccupancyChartDays, cancellationToken);
        NotSeen = read.NotSeen(view);
        DispositionDue = read.DispositionDue(view);
        Incidents = await read.IncidentsAsync(id, cancellationToken);
        DeniedVisits = await read.DeniedVisitsAsync(id, cancellationToken);
        PendingVisits = await read.PendingVisitsAsync(id, cancellationToken);
        var held = view.Held.ToDictionary(h => h.PersonId);
        LapsedRestrictions = (await restrictions.LapsedAsync(cancellationToken)).Where(r => held.ContainsKey(r.PersonId)).Select(r => (held[r.PersonId], r)).ToList();
        MayDecideAccess = (await authorization.AuthorizeAsync(User, Policies.DecideAccess)).Succeeded;
        MayKeep = (await authorization.AuthorizeAsync(User, Policies.KeepRegister)).Succeeded;
        MayRecordWelfare = (await authorization.AuthorizeAsync(User, Policies.RecordWelfare)).Succeeded;
        MayRecordIncidents = (await authorization.AuthorizeAsync(User, Policies.RecordIncidents)).Succeeded;
        return true;
    }
}
