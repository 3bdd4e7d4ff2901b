using System.Text.Json;
using Custody.Screening;

namespace Custody.Facilities;

/// <summary>
/// One cell on the register's grid: the people the register places there, the last inspection's
/// head count when it found more (an inspector counts everyone in the cell, the receiving state's own
/// prisoners too), the floor area per person from the larger of the two, and its band against the
/// agreement's standard (single or shared cell).
/// </summary>
public sealed record CellTile(string CellId, string Unit, string Number, int Occupants, int? CountedAtInspection, decimal? SquareMetresPerPerson, decimal Standard, string Band);

/// <summary>
/// Builds the grid, unit by unit, from the register's occupancy and the facility's inspections: the
/// register page draws it and the director's work queue counts its cells below the standard.
/// </summary>
public static class CellGrid
{
    /// <summary>No one in the cell.</summary>
    public const string Empty = "empty";

    /// <summary>At least one and a half times the standard's floor area per person.</summary>
    public const string Within = "within";

    /// <summary>At the standard or above it, by less than half again.</summary>
    public const string Near = "near";

    /// <summary>Less floor area per person than the standard.</summary>
    public const string Below = "below";

    public static IReadOnlyList<IGrouping<string, CellTile>> Build(Occupancy occupancy, IReadOnlyList<InspectionView> inspections, FacilityStandards standards)
    {
        ArgumentNullException.ThrowIfNull(occupancy);
        ArgumentNullException.ThrowIfNull(inspections);
        ArgumentNullException.ThrowIfNull(standards);
        var lastCount = inspections.GroupBy(i => i.CellId)
            .ToDictionary(g => g.Key, g => g.MaxBy(i => i.InspectedAt)!.Measurements.TryGetProperty("occupants", out var counted) && counted.ValueKind == JsonValueKind.Number
                ? counted.GetInt32() : (int?)null);
        return occupancy.Cells.Select(c => Tile(c, lastCount.GetValueOrDefault(c.CellId), standards)).GroupBy(t => t.Unit).ToList();
    }

    private static CellTile Tile(CellOccupancy cell, int? counted, FacilityStandards standards)
    {
        var standard = (decimal)(cell.Shared ? standards.MinFloorAreaSharedCellM2 : standards.MinFloorAreaSingleCellM2);
        var inspected = counted > cell.Occupants ? counted : null;
        var people = inspected ?? cell.Occupants;
        if (people <= 0)
        {
            return new(cell.CellId, cell.Unit, cell.Number, cell.Occupants, null, null, standard, Empty);
        }
        var space = Math.Round(cell.FloorAreaM2 / people, 2);
        var band = space < standard ? Below : space < standard * 1.5m ? Near : Within;
        return new(cell.CellId, cell.Unit, cell.Number, cell.Occupants, inspected, space, standard, band);
    }
}
