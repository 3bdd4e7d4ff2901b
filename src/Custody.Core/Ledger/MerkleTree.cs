using System.Security.Cryptography;

namespace Custody.Ledger;


/// <summary>
/// RFC 9162 (Certificate Transparency v2) section 2.1 hashing. The 0x00 and 0x01 prefixes keep a
/// leaf from ever passing for an interior node; they must never be dropped.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>SHA-256(0x00 ‖ data).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        // One contiguous buffer and a one-shot hash: creating an incremental hasher per entry
        // cost more than hashing the entry itself.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(data.Length + 1);
        try
        {
            buffer[0] = 0x00;
            data.CopyTo(buffer.AsSpan(1));
            return SHA256.HashData(buffer.AsSpan(0, data.Length + 1));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + HashSize + HashSize];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The per-entry chain link: SHA-256(previous chain hash ‖ leaf hash).</summary>
    public static byte[] ChainHash(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> leafHash)
    {
        Span<byte> buffer = stackalloc byte[HashSize + HashSize];
        previous.CopyTo(buffer);
        leafHash.CopyTo(buffer[HashSize..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>What stands before entry 1 in the chain.</summary>
    public static byte[] ChainStart() => new byte[HashSize];

    /// <summary>The tree hash of no leaves: SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    /// <summary>
    /// MTH over the given leaf hashes, computed by the recursive definition. Used to check the
    /// incremental computation; O(n) memory.
    /// </summary>
    public static byte[] RootOf(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        return leafHashes.Count == 0 ? EmptyRoot() : Root(leafHashes, 0, leafHashes.Count);
    }

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }
        var split = LargestPowerOfTwoBelow(count);
        return NodeHash(Root(leaves, start, split), Root(leaves, start + split, count - split));
    }

    /// <summary>The largest power of two strictly less than n (n ≥ 2).</summary>
    public static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }
        return k;
    }
}

/// <summary>One complete subtree: 2^Level aligned leaves starting at leaf Index × 2^Level.</summary>
public readonly record struct SubtreeHash(int Level, long Index, byte[] Hash);

/// <summary>
/// The right edge of a growing Merkle tree: the roots of the complete subtrees that make up the
/// first n leaves (one per set bit of n). Appending a leaf merges equal-sized neighbours and
/// reports each complete subtree it finishes, so that those can be stored as they arrive.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<SubtreeHash> _subtrees = [];

    public long Size { get; private set; }

    /// <summary>Starts from the stored complete subtrees of a tree of the given size, largest first.</summary>
    public static MerkleFrontier FromSubtrees(long size, IEnumerable<SubtreeHash> subtreesLargestFirst)
    {
        var frontier = new MerkleFrontier { Size = size };
        frontier._subtrees.AddRange(subtreesLargestFirst);
        return frontier;
    }

    /// <summary>The (level, index) of the subtrees that make up a tree of the given size, largest first.</summary>
    public static IEnumerable<(int Level, long Index)> SubtreePositions(long size)
    {
        long offset = 0;
        for (var level = 62; level >= 0; level--)
        {
            var width = 1L << level;
            if ((size & width) != 0)
            {
                yield return (level, offset >> level);
                offset += width;
            }
        }
    }

    /// <summary>Adds a leaf; returns the interior subtrees (level ≥ 1) that it completed.</summary>
    public IReadOnlyList<SubtreeHash> Append(byte[] leafHash)
    {
        var completed = new List<SubtreeHash>();
        var current = new SubtreeHash(0, Size, leafHash);
        while (_subtrees.Count > 0 && _subtrees[^1].Level == current.Level)
        {
            var left = _subtrees[^1];
            _subtrees.RemoveAt(_subtrees.Count - 1);
            current = new SubtreeHash(current.Level + 1, left.Index >> 1, MerkleTree.NodeHash(left.Hash, current.Hash));
            completed.Add(current);
        }
        _subtrees.Add(current);
        Size++;
        return completed;
    }

    /// <summary>The tree hash (MTH) of all leaves so far.</summary>
    public byte[] Root()
    {
        if (_subtrees.Count == 0)
        {
            return MerkleTree.EmptyRoot();
        }
        // Folded in one stack buffer: this runs once per appended entry.
        Span<byte> node = stackalloc byte[1 + MerkleTree.HashSize + MerkleTree.HashSize];
        node[0] = 0x01;
        var right = node[(1 + MerkleTree.HashSize)..];
        _subtrees[^1].Hash.CopyTo(right);
        for (var i = _subtrees.Count - 2; i >= 0; i--)
        {
            _subtrees[i].Hash.CopyTo(node[1..]);
            SHA256.HashData(node, right);
        }
        return right.ToArray();
    }
}
