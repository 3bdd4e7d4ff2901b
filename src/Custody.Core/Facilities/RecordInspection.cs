using System.Globalization;
using System.Text.Json;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;

namespace Custody.Facilities;

/// <summary>A follow-up action to record with an inspection: what, who owns it, by when (YYYY-MM-DD).</summary>
public sealed record FollowUpRequest(string? Description, string? Owner, string? Deadline);

/// <summary>An inspection of a cell: when (default now), what was measured, and the follow-up actions.</summary>
public sealed record RecordInspectionRequest(string? CellId, string? InspectedAt, InspectionMeasurements? Measurements, IReadOnlyList<FollowUpRequest>? Actions);

public sealed record InspectionView(Guid Id, string FacilityId, string CellId, DateTime InspectedAt, string Inspector, JsonElement Measurements,
    IReadOnlyList<InspectionFinding> Findings, IReadOnlyList<FollowUpActionView> Actions);

/// <summary>
/// Records an inspection of a cell by an inspector or monitor: the findings are computed from the
/// measured values against the agreement's standards (never typed in), each with a severity, so an
/// inspection cannot be softened by its wording; follow-up actions have owners and deadlines.
/// </summary>
public sealed class RecordInspection(CustodyDbContext db, TimeProvider time) : IUseCase
{
    private static readonly string[] SanitationValues = ["clean", "inadequate"];

    public async Task<Result<InspectionView>> HandleAsync(FacilityId facilityId, RecordInspectionRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var now = time.GetUtcNow();
        var inspectedAt = TransferInput.Past(errors, "inspectedAt", r.InspectedAt, now);
        var m = r.Measurements;
        if (m is null)
        {
            errors.Add(new FieldError("measurements", "Required: the checklist as measured."));
        }
        else
        {
            if (m.Occupants is not >= 0)
            {
                errors.Add(new FieldError("measurements.occupants", "Required: the people counted in the cell, 0 or more."));
            }
            if (m.Ventilation is not null && !Cell.VentilationKinds.Contains(m.Ventilation))
            {
                errors.Add(new FieldError("measurements.ventilation", $"One of: {string.Join(", ", Cell.VentilationKinds)}."));
            }
            if (m.Sanitation is not null && !SanitationValues.Contains(m.Sanitation))
            {
                errors.Add(new FieldError("measurements.sanitation", "clean or inadequate."));
            }
            if (m.LightingHours is < 0 or > 24)
            {
                errors.Add(new FieldError("measurements.lightingHours", "0 to 24."));
            }
        }
        var actions = r.Actions ?? [];
        for (var i = 0; i < actions.Count; i++)
        {
            TransferInput.Require(errors, $"actions[{i}].description", actions[i].Description, 1000);
            TransferInput.Require(errors, $"actions[{i}].owner", actions[i].Owner, 200);
            if (!DateOnly.TryParseExact(actions[i].Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add(new FieldError($"actions[{i}].deadline", "A date, YYYY-MM-DD."));
            }
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<InspectionView>(db, time, async work =>
        {
            var cell = r.CellId is null ? null : work.Store.Find<Cell>(r.CellId);
            if (cell is null || cell.FacilityId != facilityId.Value)
            {
                return new NotFound($"No cell {r.CellId} at {facilityId}.");
            }
            var (agreement, standards) = await StandardsInForce.OfFacilityAsync(db, facilityId, now, cancellationToken);
            var findings = InspectionFindings.Compute(cell, m!, standards);
            var id = Guid.CreateVersion7(now);
            work.Record(new InspectionRecorded(id, facilityId, cell.Id, agreement ?? "none", inspectedAt!.Value,
                JsonSerializer.SerializeToNode(m, InspectionJson.Options)!.AsObject(), findings,
                actions.Select(a => new PlannedAction(Guid.CreateVersion7(now), a.Description!.Trim(), a.Owner!.Trim(), Instants.ParseDate(a.Deadline!))).ToList()),
                viewer.Actor, inspectedAt);
            return ReadInspections.View(db.Inspections.Local.Single(i => i.Id == id), db.FollowUpActions.Local.Where(a => a.InspectionId == id).ToList());
        }, cancellationToken);
    }
}
