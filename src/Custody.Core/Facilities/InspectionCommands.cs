using System.Globalization;
using System.Text.Json;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>A follow-up action to record with an inspection: what, who owns it, by when (YYYY-MM-DD).</summary>
public sealed record FollowUpRequest(string? Description, string? Owner, string? Deadline);

/// <summary>An inspection of a cell: when (default now), what was measured, and the follow-up actions.</summary>
public sealed record RecordInspectionRequest(string? CellId, string? InspectedAt, InspectionMeasurements? Measurements, IReadOnlyList<FollowUpRequest>? Actions);

public sealed record InspectionView(Guid Id, string FacilityId, string CellId, DateTime InspectedAt, string Inspector, JsonElement Measurements,
    IReadOnlyList<InspectionFinding> Findings, IReadOnlyList<FollowUpActionView> Actions);

/// <summary>
/// Inspections by inspectors and monitors: the findings are computed from the measured values
/// against the agreement's standards (never typed in), each with a severity; follow-up actions
/// have owners and deadlines, and an overdue list.
/// </summary>
public sealed class InspectionCommands(CustodyDbContext db, TimeProvider time)
{
    private static readonly string[] SanitationValues = ["clean", "inadequate"];

    public async Task<Result<InspectionView>> RecordAsync(string facilityId, RecordInspectionRequest r, Viewer viewer, CancellationToken cancellationToken = default)
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
            if (cell is null || cell.FacilityId != facilityId)
            {
                return new NotFound($"No cell {r.CellId} at {facilityId}.");
            }
            var (agreement, standards) = await new RegisterCommands(db, time).FacilityStandardsAsync(facilityId, now, cancellationToken);
            var findings = InspectionFindings.Compute(cell, m!, standards);
            var id = Guid.CreateVersion7(now);
            work.Record(new InspectionRecorded(id, facilityId, cell.Id, agreement ?? "none", inspectedAt!.Value,
                JsonSerializer.SerializeToNode(m, InspectionJson.Options)!.AsObject(), findings,
                actions.Select(a => new PlannedAction(Guid.CreateVersion7(now), a.Description!.Trim(), a.Owner!.Trim(), Instants.ParseDate(a.Deadline!))).ToList()),
                viewer.Actor, inspectedAt);
            return View(db.Inspections.Local.Single(i => i.Id == id), db.FollowUpActions.Local.Where(a => a.InspectionId == id).ToList());
        }, cancellationToken);
    }

    public Task<Result<FollowUpActionView>> CompleteActionAsync(Guid actionId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<FollowUpActionView>(db, time, async work =>
        {
            var action = await db.FollowUpActions.SingleOrDefaultAsync(a => a.Id == actionId, cancellationToken);
            if (action is null)
            {
                return new NotFound($"No follow-up action {actionId}.");
            }
            if (action.CompletedAt is { } done)
            {
                return new StateConflict($"The action was completed at {Instants.ToText(done)} by {action.CompletedBy}.", action);
            }
            work.Record(new InspectionActionCompleted(actionId, action.FacilityId), viewer.Actor);
            return FollowUpActionView.Of(action);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<InspectionView>> ListAsync(string facilityId, CancellationToken cancellationToken = default)
    {
        var inspections = await db.Inspections.AsNoTracking().Where(i => i.FacilityId == facilityId).OrderByDescending(i => i.InspectedAt).Take(200).ToListAsync(cancellationToken);
        var ids = inspections.Select(i => i.Id).ToList();
        var actions = (await db.FollowUpActions.AsNoTracking().Where(a => ids.Contains(a.InspectionId)).ToListAsync(cancellationToken)).ToLookup(a => a.InspectionId);
        return inspections.Select(i => View(i, actions[i.Id].OrderBy(a => a.Deadline).ToList())).ToList();
    }

    public async Task<InspectionView?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var inspection = await db.Inspections.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return inspection is null ? null
            : View(inspection, await db.FollowUpActions.AsNoTracking().Where(a => a.InspectionId == id).OrderBy(a => a.Deadline).ToListAsync(cancellationToken));
    }

    /// <summary>Actions past their deadline (in UTC days) and not completed.</summary>
    public async Task<IReadOnlyList<FollowUpActionView>> OverdueAsync(string facilityId, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return (await db.FollowUpActions.AsNoTracking().Where(a => a.FacilityId == facilityId && a.CompletedAt == null && a.Deadline < today)
            .OrderBy(a => a.Deadline).ToListAsync(cancellationToken)).Select(FollowUpActionView.Of).ToList();
    }

    private static InspectionView View(Inspection i, IReadOnlyList<FollowUpAction> actions) =>
        new(i.Id, i.FacilityId, i.CellId, i.InspectedAt, i.Inspector, JsonDocument.Parse(i.Measurements).RootElement.Clone(),
            JsonSerializer.Deserialize<List<InspectionFinding>>(i.Findings, InspectionJson.Options)!, [.. actions.Select(FollowUpActionView.Of)]);
}

internal static class InspectionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
