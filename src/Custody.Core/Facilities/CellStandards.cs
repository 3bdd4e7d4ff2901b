using System.Globalization;
using Custody.Screening;

namespace Custody.Facilities;

/// <summary>One standard a cell would breach with a given number of occupants: which, what it would be, what is required.</summary>
public sealed record StandardBreach(string Standard, decimal Measured, decimal Required)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Standard}: {Measured:0.##} (required {Required:0.##})");
}

/// <summary>
/// The agreement version's facility standards applied to a cell and a head count (pure, so the
/// boundaries are tested directly): floor area per person (single vs shared cell), persons per
/// toilet and per shower, water per person-day.
/// </summary>
public static class CellStandards
{
    public static IReadOnlyList<StandardBreach> Check(Cell cell, int occupants, FacilityStandards standards)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(standards);
        var breaches = new List<StandardBreach>();
        if (occupants <= 0)
        {
            return breaches;
        }
        var area = cell.FloorAreaM2 / occupants;
        var minArea = (decimal)(cell.Shared ? standards.MinFloorAreaSharedCellM2 : standards.MinFloorAreaSingleCellM2);
        if (area < minArea)
        {
            breaches.Add(new StandardBreach(cell.Shared ? "minFloorAreaSharedCellM2" : "minFloorAreaSingleCellM2", Math.Round(area, 2), minArea));
        }
        if (cell.Toilets == 0 || (decimal)occupants / cell.Toilets > standards.MaxPersonsPerToilet)
        {
            breaches.Add(new StandardBreach("maxPersonsPerToilet", cell.Toilets == 0 ? occupants : Math.Round((decimal)occupants / cell.Toilets, 2), standards.MaxPersonsPerToilet));
        }
        if (cell.Showers == 0 || (decimal)occupants / cell.Showers > standards.MaxPersonsPerShower)
        {
            breaches.Add(new StandardBreach("maxPersonsPerShower", cell.Showers == 0 ? occupants : Math.Round((decimal)occupants / cell.Showers, 2), standards.MaxPersonsPerShower));
        }
        var water = cell.WaterLitresPerDay / occupants;
        if (water < (decimal)standards.MinWaterLitresPerPersonDay)
        {
            breaches.Add(new StandardBreach("minWaterLitresPerPersonDay", Math.Round(water, 2), (decimal)standards.MinWaterLitresPerPersonDay));
        }
        return breaches;
    }
}

/// <summary>An assignment refused because it would breach the agreement's standards (<c>onExceed: refuse</c>); names each breach.</summary>
public sealed record StandardsBreached(string CellId, int Occupants, IReadOnlyList<StandardBreach> Breaches)
    : Common.Failure($"Cell {CellId} with {Occupants} people would breach the agreement's standards: {string.Join("; ", Breaches)}.");
