using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.People;

/// <summary>Every class order on record, imported or entered; and the bundle copies that differ from a court's record, for legal review.</summary>
public sealed class ReadClassOrders(CustodyDbContext db) : IUseCase
{
    public async Task<IReadOnlyList<ClassOrderView>> ListAsync(CancellationToken cancellationToken = default) =>
        (await db.ClassOrders.AsNoTracking().OrderBy(o => o.IssuedAt).ToListAsync(cancellationToken)).Select(ClassOrderView.Of).ToList();

    /// <summary>Bundle copies that differ from a court's record, newest first: the legal reviewers' queue.</summary>
    public async Task<IReadOnlyList<ClassOrderConflictView>> ConflictsAsync(CancellationToken cancellationToken = default) =>
        (await db.ClassOrderConflicts.AsNoTracking().OrderByDescending(c => c.Seq).ToListAsync(cancellationToken))
            .Select(c => new ClassOrderConflictView(c.Id, c.ClassOrderId, JsonNode.Parse(c.Copy)!.AsObject(), c.Import, c.RecordedBy, c.RecordedAt)).ToList();
}
