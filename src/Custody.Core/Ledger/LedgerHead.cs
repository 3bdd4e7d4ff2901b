using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Ledger;

/// <summary>
/// The current size, RFC 9162 tree hash and chain hash: what a signed checkpoint will later commit
/// to. Hashes only, never personal data.
/// </summary>
public sealed record LedgerHeadView(long Size, string TreeHash, string ChainHash, DateTime? LastRecordedAt)
{
    public static async Task<LedgerHeadView> ReadAsync(CustodyDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var last = await db.LedgerEntries.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.ChainHash, e.RecordedAt }).FirstOrDefaultAsync(cancellationToken);
        var frontier = await LedgerWriter.LoadFrontierAsync(db, last?.Seq ?? 0, cancellationToken);
        return new LedgerHeadView(last?.Seq ?? 0, Convert.ToHexStringLower(frontier.Root()),
            Convert.ToHexStringLower(last?.ChainHash ?? MerkleTree.ChainStart()), last?.RecordedAt);
    }
}
