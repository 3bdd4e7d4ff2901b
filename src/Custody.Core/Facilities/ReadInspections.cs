using System.Text.Json;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>
/// The inspections' reads: a facility's inspections with their findings and follow-up actions, one
/// inspection (for its report), and the actions past their deadline and not done.
/// </summary>
public sealed class ReadInspections(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<IReadOnlyList<InspectionView>> ListAsync(FacilityId facilityId, CancellationToken cancellationToken = default)
    {
        var inspections = await db.Inspections.AsNoTracking().Where(i => i.FacilityId == facilityId.Value).OrderByDescending(i => i.InspectedAt).Take(200).ToListAsync(cancellationToken);
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
    public async Task<IReadOnlyList<FollowUpActionView>> OverdueAsync(FacilityId facilityId, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return (await db.FollowUpActions.AsNoTracking().Where(a => a.FacilityId == facilityId.Value && a.CompletedAt == null && a.Deadline < today)
            .OrderBy(a => a.Deadline).ToListAsync(cancellationToken)).Select(FollowUpActionView.Of).ToList();
    }

    internal static InspectionView View(Inspection i, IReadOnlyList<FollowUpAction> actions) =>
        new(i.Id, i.FacilityId, i.CellId, i.InspectedAt, i.Inspector, JsonDocument.Parse(i.Measurements).RootElement.Clone(),
            JsonSerializer.Deserialize<List<InspectionFinding>>(i.Findings, InspectionJson.Options)!, [.. actions.Select(FollowUpActionView.Of)]);
}

internal static class InspectionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
