using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Ledger;

/// <summary>The current size and tree hash: what a signed checkpoint will later commit to. Hashes only, never personal data.</summary>
public sealed record LedgerHeadView(long Size, string TreeHash, DateTime? LastRecordedAt)
{
    public static async Task<LedgerHeadView> ReadAsync(CustodyDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var last = await db.LedgerEntries.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.TreeHash, e.RecordedAt }).FirstOrDefaultAsync(cancellationToken);
        return last is null
            ? new LedgerHeadView(0, Convert.ToHexStringLower(MerkleTree.EmptyRoot()), null)
            : new LedgerHeadView(last.Seq, Convert.ToHexStringLower(last.TreeHash), last.RecordedAt);
    }
}
