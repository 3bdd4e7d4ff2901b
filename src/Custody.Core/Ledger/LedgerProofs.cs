using System.Linq.Expressions;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Ledger;

/// <summary>
/// Tree heads, inclusion proofs and consistency proofs of the stored ledger, read from the stored
/// subtree hashes: the positions a proof needs are worked out first, then read in two queries
/// (leaf hashes, interior nodes), so a proof costs two round trips whatever the ledger's size.
/// </summary>
public sealed class LedgerProofs(CustodyDbContext db)
{
    public async Task<ulong> SizeAsync(CancellationToken cancellationToken = default) =>
        (ulong)(await db.LedgerEntries.MaxAsync(e => (long?)e.Seq, cancellationToken) ?? 0);

    /// <summary>The RFC 9162 tree hash of the first <paramref name="size"/> entries.</summary>
    public Task<byte[]> RootAsync(ulong size, CancellationToken cancellationToken = default) =>
        ComputeAsync(source => MerkleProof.RangeHash(0, size, source), cancellationToken);

    /// <summary>The audit path of entry <paramref name="seq"/> (1-based) in the tree of <paramref name="size"/> entries.</summary>
    public Task<List<byte[]>> InclusionAsync(ulong seq, ulong size, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(seq);
        return ComputeAsync(source => MerkleProof.Inclusion(seq - 1, size, source), cancellationToken);
    }

    public Task<List<byte[]>> ConsistencyAsync(ulong oldSize, ulong newSize, CancellationToken cancellationToken = default) =>
        ComputeAsync(source => MerkleProof.Consistency(oldSize, newSize, source), cancellationToken);

    /// <summary>
    /// The hashes at one level of the tree, <paramref name="count"/> of them from position
    /// <paramref name="start"/>: what a C2SP hash tile holds.
    /// </summary>
    public async Task<List<byte[]>> LevelAsync(int level, ulong start, int count, CancellationToken cancellationToken = default)
    {
        var first = (long)start;
        var end = first + count;
        var hashes = level == 0
            ? await db.LedgerEntries.AsNoTracking().Where(e => e.Seq > first && e.Seq <= end).OrderBy(e => e.Seq).Select(e => e.LeafHash).ToListAsync(cancellationToken)
            : await db.LedgerNodes.AsNoTracking().Where(n => n.Level == level && n.Index >= first && n.Index < end).OrderBy(n => n.Index).Select(n => n.Hash).ToListAsync(cancellationToken);
        return hashes.Count == count ? hashes : throw new InvalidOperationException($"The ledger holds {hashes.Count} of the {count} hashes asked for at level {level}.");
    }

    private async Task<T> ComputeAsync<T>(Func<MerkleProof.SubtreeSource, T> compute, CancellationToken cancellationToken)
    {
        // First pass: note the subtrees asked for (the answers are placeholders); then read them all at once.
        var wanted = new HashSet<(int Level, ulong Index)>();
        var placeholder = new byte[MerkleTree.HashSize];
        compute((level, index) =>
        {
            wanted.Add((level, index));
            return placeholder;
        });
        var hashes = new Dictionary<(int, ulong), byte[]>();
        var seqs = wanted.Where(w => w.Level == 0).Select(w => (long)w.Index + 1).ToList();
        if (seqs.Count > 0)
        {
            foreach (var leaf in await db.LedgerEntries.AsNoTracking().Where(e => seqs.Contains(e.Seq)).Select(e => new { e.Seq, e.LeafHash }).ToListAsync(cancellationToken))
            {
                hashes[(0, (ulong)leaf.Seq - 1)] = leaf.LeafHash;
            }
        }
        var nodes = wanted.Where(w => w.Level > 0).ToList();
        if (nodes.Count > 0)
        {
            foreach (var node in await db.LedgerNodes.AsNoTracking().Where(AnyOf(nodes)).ToListAsync(cancellationToken))
            {
                hashes[(node.Level, (ulong)node.Index)] = node.Hash;
            }
        }
        return compute((level, index) => hashes.TryGetValue((level, index), out var hash)
            ? hash
            : throw new InvalidOperationException($"The ledger has no subtree hash at level {level}, index {index}: the size asked for is beyond the ledger, or the ledger is damaged."));
    }

    // (Level = l1 AND Index = i1) OR (Level = l2 AND Index = i2) …: one indexed query for a proof's nodes.
    private static Expression<Func<LedgerNode, bool>> AnyOf(IEnumerable<(int Level, ulong Index)> positions)
    {
        var node = Expression.Parameter(typeof(LedgerNode), "n");
        var level = Expression.Property(node, nameof(LedgerNode.Level));
        var index = Expression.Property(node, nameof(LedgerNode.Index));
        Expression? any = null;
        foreach (var (l, i) in positions)
        {
            var one = Expression.AndAlso(Expression.Equal(level, Constant(l)), Expression.Equal(index, Constant((long)i)));
            any = any is null ? one : Expression.OrElse(any, one);
        }
        return Expression.Lambda<Func<LedgerNode, bool>>(any ?? Expression.Constant(false), node);
    }

    // Captured as parameters rather than inlined as constants, so providers cache one plan per shape.
    private static MemberExpression Constant<T>(T value) => Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed record Box<T>(T Value);
}
