using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>An incident as reported; for a death the circumstances are required, cause and remains when known.</summary>
public sealed record RecordIncidentRequest(string? Kind, PersonId? PersonId, string? OccurredAt, string? Details, string? Circumstances, string? Cause,
    string? RemainsDestination);

/// <summary>
/// An incident concerning a person, recorded wherever their current custody record says they
/// are — on a movement (in transit, or held pending return), handed over and awaiting
/// admission, admitted with or without a cell, or in hospital — through the same commands, so
/// the report, the next-of-kin notice and the sending state's notice are queued on every path.
/// </summary>
public sealed class RecordIncident(CustodyDbContext db, RecordIncidentInTransit inTransit, RecordIncidentInFacility inFacility) : IUseCase
{
    public async Task<Result<IncidentView>> HandleAsync(PersonId personId, RecordIncidentRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var current = await db.CustodyRecords.AsNoTracking().SingleAsync(r => r.PersonId == personId.Value && r.IsCurrent, cancellationToken);
        request = request with { PersonId = personId };
        switch (current)
        {
            case { PlaceKind: CustodyPlaces.Manifest, ManifestId: { } manifestId }:
                var recorded = await inTransit.HandleAsync(new ManifestId(manifestId), request, viewer, cancellationToken);
                return recorded.Failure is { } failure ? failure : IncidentView.Of(await db.Incidents.AsNoTracking().Where(i => i.ManifestId == manifestId && i.PersonId == personId.Value)
                    .OrderByDescending(i => i.Seq).FirstAsync(cancellationToken));
            case { PlaceKind: CustodyPlaces.Facility or CustodyPlaces.Hospital, FacilityId: { } facilityId }:
                return await inFacility.HandleAsync(new FacilityId(facilityId), request, viewer, cancellationToken);
            default:
                return new StateConflict($"The person's current custody record ({current.Event}, {current.PlaceKind}) names no place where Custody records incidents.", current.PlaceKind);
        }
    }
}
