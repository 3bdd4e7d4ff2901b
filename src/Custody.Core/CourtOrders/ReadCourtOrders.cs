using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.CourtOrders;

/// <summary>The court orders entered for a person, with their differing bundle copies; and every differing copy, the legal reviewers' list.</summary>
public sealed class ReadCourtOrders(CustodyDbContext db) : IUseCase
{
    public async Task<Result<IReadOnlyList<CourtOrderView>>> ListAsync(PersonId person, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, person, cancellationToken) is null)
        {
            return new NotFound($"No person {person} in the register.");
        }
        var orders = await db.CourtOrders.AsNoTracking().Where(o => o.PersonId == person.Value).OrderBy(o => o.IssuedAt).ToListAsync(cancellationToken);
        var copies = (await db.CourtOrderConflicts.AsNoTracking().Where(c => c.PersonId == person.Value).OrderBy(c => c.Seq).ToListAsync(cancellationToken))
            .Select(CourtOrderCopyView.Of).ToLookup(c => c.CourtOrderId);
        return Result<IReadOnlyList<CourtOrderView>>.Ok(orders.Select(o => CourtOrderView.Of(o) with { DifferingCopies = copies[o.Id].ToList() }).ToList());
    }

    /// <summary>Every differing bundle copy of an entered court order, newest first: the legal reviewers' list.</summary>
    public async Task<IReadOnlyList<CourtOrderCopyView>> ConflictsAsync(CancellationToken cancellationToken = default) =>
        (await db.CourtOrderConflicts.AsNoTracking().OrderByDescending(c => c.Seq).ToListAsync(cancellationToken)).Select(CourtOrderCopyView.Of).ToList();
}
