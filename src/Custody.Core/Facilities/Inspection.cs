using System.Globalization;
using Custody.Screening;

namespace Custody.Facilities;

/// <summary>
/// An inspection or monitoring visit of a cell or dormitory: the measured values, the findings
/// computed from them against the agreement version's standards and the Mandela Rules, and the
/// follow-up actions with their owners and deadlines.
/// </summary>
public sealed class Inspection
{
    public Guid Id { get; set; }

    public string FacilityId { get; set; } = "";

    public string CellId { get; set; } = "";

    public DateTime InspectedAt { get; set; }

    public string Inspector { get; set; } = "";

    /// <summary>The checklist as measured (canonical JSON).</summary>
    public string Measurements { get; set; } = "{}";

    /// <summary>The findings (canonical JSON array of item, measured, required, severity).</summary>
    public string Findings { get; set; } = "[]";

    public int FindingCount { get; set; }

    public long Seq { get; set; }
}

/// <summary>A follow-up action: what, who owns it, by when; completed or overdue.</summary>
public sealed class FollowUpAction
{
    public Guid Id { get; set; }

    public Guid InspectionId { get; set; }

    public string FacilityId { get; set; } = "";

    public string Description { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateOnly Deadline { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }
}

/// <summary>A <see cref="FollowUpAction"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record FollowUpActionView(Guid Id, Guid InspectionId, string FacilityId, string Description, string Owner, DateOnly Deadline, DateTime? CompletedAt, string? CompletedBy, long LastSeq)
{
    public static FollowUpActionView Of(FollowUpAction x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.InspectionId, x.FacilityId, x.Description, x.Owner, x.Deadline, x.CompletedAt, x.CompletedBy, x.LastSeq);
    }
}

/// <summary>What an inspector measured in a cell.</summary>
public sealed record InspectionMeasurements(int? Occupants, decimal? WaterLitresPerPersonDay, int? Toilets, int? Showers, decimal? TemperatureC, int? LightingHours,
    bool LightsOn24Hours, bool NaturalLight, string? Ventilation, string? Sanitation, int? Mattresses);

/// <summary>A finding: the checklist item, what was measured, what is required, and how serious the gap is (minor, serious, critical).</summary>
public sealed record InspectionFinding(string Item, string Measured, string Required, string Severity);

/// <summary>The findings of a checklist against the standards (pure; boundaries tested directly).</summary>
public static class InspectionFindings
{
    public static IReadOnlyList<InspectionFinding> Compute(Cell cell, InspectionMeasurements m, FacilityStandards standards)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(standards);
        var findings = new List<InspectionFinding>();
        var people = Math.Max(1, m.Occupants ?? 0);
        string N(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        var area = cell.FloorAreaM2 / people;
        var minArea = (decimal)(cell.Shared ? standards.MinFloorAreaSharedCellM2 : standards.MinFloorAreaSingleCellM2);
        if (area < minArea)
        {
            // 2 m² a person is the emergency-only figure: below it the space itself is critical.
            findings.Add(new("space", $"{N(area)} m²/person", $"≥ {N(minArea)} m²/person", area < 2 ? "critical" : "serious"));
        }
        if (m.WaterLitresPerPersonDay is { } water && water < (decimal)standards.MinWaterLitresPerPersonDay)
        {
            findings.Add(new("water", $"{N(water)} L/person/day", $"≥ {N((decimal)standards.MinWaterLitresPerPersonDay)}", water < 10 ? "critical" : "serious"));
        }
        var toilets = m.Toilets ?? cell.Toilets;
        if (toilets == 0 || (decimal)people / toilets > standards.MaxPersonsPerToilet)
        {
            var ratio = toilets == 0 ? people : (decimal)people / toilets;
            findings.Add(new("toilets", $"{N(ratio)} persons/toilet", $"≤ {standards.MaxPersonsPerToilet}", toilets == 0 || ratio > 2 * standards.MaxPersonsPerToilet ? "critical" : "serious"));
        }
        var showers = m.Showers ?? cell.Showers;
        if (showers == 0 || (decimal)people / showers > standards.MaxPersonsPerShower)
        {
            var ratio = showers == 0 ? people : (decimal)people / showers;
            findings.Add(new("showers", $"{N(ratio)} persons/shower", $"≤ {standards.MaxPersonsPerShower}", showers == 0 ? "serious" : "minor"));
        }
        if (m.TemperatureC is { } t && (t > 32 || t < 10))
        {
            findings.Add(new("temperature", $"{N(t)} °C", "10–32 °C", t > 38 || t < 5 ? "critical" : "serious"));
        }
        if (m.LightsOn24Hours)
        {
            findings.Add(new("lighting", "on 24 h", "not on 24 hours (Mandela Rule 14)", "serious"));
        }
        else if (m.LightingHours is 0)
        {
            findings.Add(new("lighting", "0 h", "sufficient to read (Mandela Rule 14)", "serious"));
        }
        if (!m.NaturalLight)
        {
            findings.Add(new("natural-light", "none", "natural light and fresh air (Mandela Rule 14)", "minor"));
        }
        if (m.Ventilation == "none")
        {
            findings.Add(new("ventilation", "none", "natural or mechanical", "serious"));
        }
        if (m.Sanitation == "inadequate")
        {
            findings.Add(new("sanitation", "inadequate", "clean and decent (Mandela Rule 15)", "serious"));
        }
        if (m.Mattresses is { } mattresses && mattresses < people)
        {
            findings.Add(new("bedding", $"{mattresses} for {people}", "one each (Mandela Rule 21)", mattresses == 0 ? "serious" : "minor"));
        }
        return findings;
    }
}
