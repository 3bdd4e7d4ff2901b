using Custody.Common;

namespace Custody.Facilities;

/// <summary>
/// A facility's cells banded against the standards in force now, from its register and its
/// inspections: the one read behind the register page's grid and the director's count of cells
/// below the standard.
/// </summary>
public sealed class ReadCellGrid(ReadRegister register, ReadInspections inspections, TimeProvider time) : IUseCase
{
    public async Task<IReadOnlyList<IGrouping<string, CellTile>>> ForAsync(FacilityRegisterView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        var facility = new FacilityId(view.Facility.Id);
        var (_, standards) = await register.FacilityStandardsAsync(facility, time.GetUtcNow(), cancellationToken);
        return CellGrid.Build(view.Occupancy, await inspections.ListAsync(facility, cancellationToken), standards);
    }
}
