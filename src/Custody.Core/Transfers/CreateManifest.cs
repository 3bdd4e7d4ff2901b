using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>A movement to plan; <c>Direction</c> <c>return</c> carries people held pending return back to the sending state (default <c>transfer</c>).</summary>
public sealed record CreateManifestRequest(string? AgreementId, string? Carrier, string? Movement, string? OriginFacilityId, string? DestinationFacilityId,
    string? ScheduledDeparture, string? Direction = null);

/// <summary>Plans a draft manifest under an agreement: a transfer leaves the sending state for the receiving one, a return goes the other way.</summary>
public sealed class CreateManifest(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<ManifestView>> HandleAsync(CreateManifestRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "carrier", request.Carrier, 100);
        TransferInput.Require(errors, "movement", request.Movement, 50);
        if (!Instants.TryParseRfc3339(request.ScheduledDeparture?.Trim(), out var departure))
        {
            errors.Add(new FieldError("scheduledDeparture", Instants.Rfc3339Expected));
        }
        if (string.IsNullOrWhiteSpace(request.AgreementId))
        {
            errors.Add(new FieldError("agreementId", "Required: the agreement the movement is under."));
        }
        if (string.IsNullOrWhiteSpace(request.OriginFacilityId))
        {
            errors.Add(new FieldError("originFacilityId", "Required: the sending state's facility the movement leaves from."));
        }
        if (string.IsNullOrWhiteSpace(request.DestinationFacilityId))
        {
            errors.Add(new FieldError("destinationFacilityId", "Required: the receiving state's facility the people are handed over at."));
        }
        var direction = request.Direction ?? ManifestDirections.Transfer;
        if (direction is not (ManifestDirections.Transfer or ManifestDirections.Return))
        {
            errors.Add(new FieldError("direction", "transfer (to the receiving state) or return (back to the sending state)."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<ManifestView>(db, time, async work =>
        {
            var agreement = await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.AgreementId, cancellationToken);
            var origin = await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.OriginFacilityId, cancellationToken);
            var destination = await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.DestinationFacilityId, cancellationToken);
            if (agreement is null)
            {
                errors.Add(new FieldError("agreementId", $"No agreement {request.AgreementId}."));
            }
            var (from, to) = direction == ManifestDirections.Return ? (agreement?.ReceivingState, agreement?.SendingState) : (agreement?.SendingState, agreement?.ReceivingState);
            if (origin is null || (agreement is not null && origin.State != from))
            {
                errors.Add(new FieldError("originFacilityId", origin is null ? $"No facility {request.OriginFacilityId}." : $"The origin of a {direction} must be in {from}."));
            }
            if (destination is null || (agreement is not null && destination.State != to))
            {
                errors.Add(new FieldError("destinationFacilityId", destination is null ? $"No facility {request.DestinationFacilityId}." : $"The destination of a {direction} must be in {to}."));
            }
            if (errors.Count > 0)
            {
                return new Invalid(errors);
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new ManifestCreated(id, agreement!.Id, request.Carrier!.Trim(), request.Movement!.Trim(), origin!.Id, destination!.Id, Instants.Utc(departure),
                direction == ManifestDirections.Return ? direction : null), viewer.Actor);
            return ReadManifests.Of(work.Store.Find<Manifest>(id)!, [], _ => default, []);
        }, cancellationToken);
    }
}
