using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>
/// Registers cells in one unit of work (all or none), so a facility's cells arrive together or
/// not at all; errors name the cell's index when there are several.
/// </summary>
public sealed class RegisterCells(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<IReadOnlyList<CellView>>> HandleAsync(IReadOnlyList<RegisterCellRequest> requests, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        for (var i = 0; i < requests.Count; i++)
        {
            var prefix = requests.Count == 1 ? "" : $"[{i}].";
            errors.AddRange(ValidateCell(requests[i]).Select(e => e with { Field = prefix + e.Field }));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<IReadOnlyList<CellView>>(db, time, async work =>
        {
            var cells = new List<CellView>();
            foreach (var r in requests)
            {
                if (!await db.Facilities.AnyAsync(f => f.Id == r.FacilityId, cancellationToken))
                {
                    return new NotFound($"No facility {r.FacilityId}.");
                }
                var id = $"{r.FacilityId}/{r.Unit!.Trim()}/{r.Number!.Trim()}";
                if (work.Store.Find<Cell>(id) is not null)
                {
                    return new Conflict($"Cell {id} is already registered.");
                }
                work.Record(new CellRegistered(id, r.FacilityId!, r.Unit.Trim(), r.Number.Trim(), r.FloorAreaM2!.Value, r.Shared, r.Bunks!.Value, r.Toilets!.Value,
                    r.Showers!.Value, r.WaterLitresPerDay!.Value, r.LightingHours!.Value, r.Ventilation!, r.DesignCapacity!.Value, r.OperationalCapacity!.Value), viewer.Actor);
                cells.Add(CellView.Of(work.Store.Find<Cell>(id)!));
            }
            return cells;
        }, cancellationToken);
    }

    private static List<FieldError> ValidateCell(RegisterCellRequest r)
    {
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "unit", r.Unit, 40);
        TransferInput.Require(errors, "number", r.Number, 40);
        Positive(errors, "floorAreaM2", r.FloorAreaM2);
        Count(errors, "bunks", r.Bunks);
        Count(errors, "toilets", r.Toilets);
        Count(errors, "showers", r.Showers);
        Positive(errors, "waterLitresPerDay", r.WaterLitresPerDay);
        if (r.LightingHours is not (>= 0 and <= 24))
        {
            errors.Add(new FieldError("lightingHours", "Hours of artificial light a day, 0 to 24."));
        }
        if (r.Ventilation is null || !Cell.VentilationKinds.Contains(r.Ventilation))
        {
            errors.Add(new FieldError("ventilation", $"One of: {string.Join(", ", Cell.VentilationKinds)}."));
        }
        Count(errors, "designCapacity", r.DesignCapacity);
        Count(errors, "operationalCapacity", r.OperationalCapacity);
        return errors;
    }

    private static void Positive(List<FieldError> errors, string field, decimal? value)
    {
        if (value is not > 0)
        {
            errors.Add(new FieldError(field, "Required, greater than 0."));
        }
    }

    private static void Count(List<FieldError> errors, string field, int? value)
    {
        if (value is not >= 0)
        {
            errors.Add(new FieldError(field, "Required, 0 or more."));
        }
    }
}
