namespace Custody.Facilities;

/// <summary>
/// A cell (or dormitory) of a facility, with what the ICRC standards are measured against: floor
/// area, single or shared, bunks, toilets, showers, water supply, lighting hours and ventilation,
/// and its design and operational capacity. Occupancy is never stored: it is counted from the
/// register's assignments at any instant.
/// </summary>
public sealed class Cell
{
    /// <summary>facility/unit/number, e.g. <c>sv-cecot/A/07</c>.</summary>
    public string Id { get; set; } = "";

    public string FacilityId { get; set; } = "";

    /// <summary>The block or unit the cell is in.</summary>
    public string Unit { get; set; } = "";

    public string Number { get; set; } = "";

    public decimal FloorAreaM2 { get; set; }

    public bool Shared { get; set; }

    public int Bunks { get; set; }

    public int Toilets { get; set; }

    public int Showers { get; set; }

    public decimal WaterLitresPerDay { get; set; }

    public int LightingHours { get; set; }

    /// <summary>natural, mechanical or none.</summary>
    public string Ventilation { get; set; } = "";

    public int DesignCapacity { get; set; }

    public int OperationalCapacity { get; set; }

    public long Seq { get; set; }

    public static readonly IReadOnlyList<string> VentilationKinds = ["natural", "mechanical", "none"];
}

/// <summary>A <see cref="Cell"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record CellView(string Id, string FacilityId, string Unit, string Number, decimal FloorAreaM2, bool Shared, int Bunks, int Toilets, int Showers, decimal WaterLitresPerDay, int LightingHours, string Ventilation, int DesignCapacity, int OperationalCapacity, long Seq)
{
    public static CellView Of(Cell x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.FacilityId, x.Unit, x.Number, x.FloorAreaM2, x.Shared, x.Bunks, x.Toilets, x.Showers, x.WaterLitresPerDay, x.LightingHours, x.Ventilation, x.DesignCapacity, x.OperationalCapacity, x.Seq);
    }
}

/// <summary>A person's place in a cell from one instant until the next move or the end of the admission.</summary>
public sealed class CellAssignment
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public Guid AdmissionId { get; set; }

    public string CellId { get; set; } = "";

    public DateTime From { get; set; }

    public DateTime? Until { get; set; }

    public string AssignedBy { get; set; } = "";

    /// <summary>Standards the assignment breaches under an agreement whose <c>onExceed</c> is <c>warn</c> (recorded, never hidden).</summary>
    public string? Finding { get; set; }

    public long Seq { get; set; }
}

/// <summary>A <see cref="CellAssignment"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record CellAssignmentView(Guid Id, Guid PersonId, Guid AdmissionId, string CellId, DateTime From, DateTime? Until, string AssignedBy, string? Finding, long Seq)
{
    public static CellAssignmentView Of(CellAssignment x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.PersonId, x.AdmissionId, x.CellId, x.From, x.Until, x.AssignedBy, x.Finding, x.Seq);
    }
}
