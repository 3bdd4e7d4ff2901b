using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Facilities;

/// <summary>An admitted person taken out under escort: the hospital (name and town), why, and when (default now).</summary>
public sealed record TakeToHospitalRequest(string? Hospital, string? Reason, string? At);

/// <summary>
/// Takes a person at the facility to hospital under its escort: the custody record names the
/// hospital and why, while the admission stays open — so whereabouts are never "the facility" for
/// someone who is not there, and the facility stays answerable for them.
/// </summary>
public sealed class TakeToHospital(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<CustodyRecordView>> HandleAsync(PersonId personId, TakeToHospitalRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "hospital", request.Hospital, 300);
        TransferInput.Require(errors, "reason", request.Reason, 1000);
        var at = TransferInput.Past(errors, "at", request.At, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await HospitalMoves.MoveAsync(db, time, personId, viewer, current => current.PlaceKind == CustodyPlaces.Facility ? null : "The person is not at the facility (the current custody record is "
            + $"{current.Event}, {current.PlaceKind}).", at!.Value, CustodyEvents.TakenToHospital, CustodyPlaces.Hospital,
            $"{request.Hospital!.Trim()}: {request.Reason!.Trim()}", cancellationToken);
    }
}
