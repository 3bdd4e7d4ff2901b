using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Facilities;

/// <summary>When the person was back in the facility (default now).</summary>
public sealed record BackFromHospitalRequest(string? At);

/// <summary>
/// Records that a person in hospital is back at the facility: the custody record moves back to the
/// facility (same custodian, authority and funder), so the timeline shows the whole stay out.
/// </summary>
public sealed class BringBackFromHospital(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<CustodyRecordView>> HandleAsync(PersonId personId, BackFromHospitalRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var at = TransferInput.Past(errors, "at", request.At, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await HospitalMoves.MoveAsync(db, time, personId, viewer, current => current.PlaceKind == CustodyPlaces.Hospital ? null : "The person is not in hospital.", at!.Value,
            CustodyEvents.BackFromHospital, CustodyPlaces.Facility, null, cancellationToken);
    }
}
