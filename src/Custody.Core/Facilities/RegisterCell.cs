using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Facilities;

public sealed record RegisterCellRequest(string? FacilityId, string? Unit, string? Number, decimal? FloorAreaM2, bool Shared, int? Bunks, int? Toilets, int? Showers,
    decimal? WaterLitresPerDay, int? LightingHours, string? Ventilation, int? DesignCapacity, int? OperationalCapacity);

/// <summary>
/// Registers one cell of a facility with what the standards are checked against (floor area,
/// bunks, toilets, showers, water, light, ventilation, capacities): assignments and inspections
/// are held to these measures, so they are ledgered facts, not settings.
/// </summary>
public sealed class RegisterCell(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<CellView>> HandleAsync(FacilityId facility, RegisterCellRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registered = await new RegisterCells(db, time).HandleAsync([request with { FacilityId = facility }], viewer, cancellationToken);
        return registered.Failure is { } failure ? failure : registered.Value![0];
    }
}
