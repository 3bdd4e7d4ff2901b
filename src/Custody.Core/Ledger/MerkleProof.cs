using System.Numerics;
using System.Security.Cryptography;

namespace Custody.Ledger;

/// <summary>
/// RFC 9162 section 2.1.3 and 2.1.4: inclusion and consistency proofs, built from complete
/// subtree hashes and checked by the verification algorithms of the RFC. Sizes are unsigned 64-bit,
/// every loop shifts towards zero, a proof must be consumed to its last hash, and the edge cases
/// (m = 0, m = n, index ≥ size) are decided before any hashing.
/// </summary>
public static class MerkleProof
{
    /// <summary>
    /// The hash of the complete subtree of 2^level aligned leaves starting at leaf index × 2^level:
    /// level 0 is a leaf hash. Proof generation reads only these.
    /// </summary>
    public delegate byte[] SubtreeSource(int level, ulong index);

    /// <summary>The audit path of leaf <paramref name="index"/> (0-based) in the tree of <paramref name="size"/> leaves, leaf first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">index ≥ size.</exception>
    public static List<byte[]> Inclusion(ulong index, ulong size, SubtreeSource subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var path = new List<byte[]>();
        // PATH(m, D[start:start+n]) unrolled: the sibling of each split, collected top-down, then reversed.
        ulong start = 0, n = size, m = index;
        while (n > 1)
        {
            var k = SplitOf(n);
            if (m < k)
            {
                path.Add(RangeHash(start + k, n - k, subtree));
                n = k;
            }
            else
            {
                path.Add(RangeHash(start, k, subtree));
                start += k;
                m -= k;
                n -= k;
            }
        }
        path.Reverse();
        return path;
    }

    /// <summary>The consistency proof between the trees of sizes <paramref name="oldSize"/> and <paramref name="newSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">oldSize &gt; newSize.</exception>
    public static List<byte[]> Consistency(ulong oldSize, ulong newSize, SubtreeSource subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var proof = new List<byte[]>();
        if (oldSize == 0 || oldSize == newSize)
        {
            return proof;
        }
        // SUBPROOF(m, D[start:start+n], b) unrolled, collected top-down, then reversed.
        ulong start = 0, n = newSize, m = oldSize;
        var whole = true;
        while (m != n)
        {
            var k = SplitOf(n);
            if (m <= k)
            {
                proof.Add(RangeHash(start + k, n - k, subtree));
                n = k;
            }
            else
            {
                proof.Add(RangeHash(start, k, subtree));
                start += k;
                m -= k;
                n -= k;
                whole = false;
            }
        }
        if (!whole)
        {
            proof.Add(RangeHash(start, m, subtree));
        }
        proof.Reverse();
        return proof;
    }

    /// <summary>MTH of the leaves [start, start + count): start is aligned to the subtree the range belongs to.</summary>
    public static byte[] RangeHash(ulong start, ulong count, SubtreeSource subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        if (count == 0)
        {
            return MerkleTree.EmptyRoot();
        }
        // The range splits into complete aligned subtrees, largest first; fold them right to left.
        var parts = new List<byte[]>();
        var offset = start;
        for (var level = 63; level >= 0; level--)
        {
            var width = 1UL << level;
            if ((count & width) != 0)
            {
                if (offset % width != 0)
                {
                    throw new ArgumentException($"The range starting at {start} is not aligned to its subtrees.", nameof(start));
                }
                parts.Add(subtree(level, offset >> level));
                offset += width;
            }
        }
        var hash = parts[^1];
        for (var i = parts.Count - 2; i >= 0; i--)
        {
            hash = MerkleTree.NodeHash(parts[i], hash);
        }
        return hash;
    }

    /// <summary>RFC 9162 2.1.3.2: does the path prove that the leaf hash is leaf <paramref name="index"/> of the tree with this root?</summary>
    public static bool VerifyInclusion(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (index >= size || leafHash.Length != MerkleTree.HashSize || root.Length != MerkleTree.HashSize || path.Any(p => p is null || p.Length != MerkleTree.HashSize))
        {
            return false;
        }
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleTree.NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    // fn ≠ 0 here (fn == sn ≠ 0), so the shift ends.
                    var zeros = BitOperations.TrailingZeroCount(fn);
                    fn >>= zeros;
                    sn >>= zeros;
                }
            }
            else
            {
                r = MerkleTree.NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>
    /// RFC 9162 2.1.4.2: does the proof show that the tree of <paramref name="oldSize"/> leaves with
    /// <paramref name="oldRoot"/> is a prefix of the tree of <paramref name="newSize"/> leaves with
    /// <paramref name="newRoot"/>? Equal sizes need equal
    /// roots, only with an empty proof. A proof from the empty tree is meaningless and always fails:
    /// whoever accepts a first checkpoint (a witness at old size 0) decides that case itself.
    /// </summary>
    public static bool VerifyConsistency(ulong oldSize, ulong newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize > newSize || oldRoot.Length != MerkleTree.HashSize || newRoot.Length != MerkleTree.HashSize || proof.Any(p => p is null || p.Length != MerkleTree.HashSize))
        {
            return false;
        }
        if (oldSize == 0)
        {
            return false;
        }
        if (oldSize == newSize)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, newRoot);
        }
        if (proof.Count == 0)
        {
            return false;
        }
        var path = new List<byte[]>(proof);
        if (BitOperations.IsPow2(oldSize))
        {
            // The old tree is itself a complete subtree of the new one: its root starts the path.
            path.Insert(0, oldRoot.ToArray());
        }
        var fn = oldSize - 1;
        var sn = newSize - 1;
        var zeros = BitOperations.TrailingZeroCount(~fn);
        fn >>= zeros;
        sn >>= zeros;
        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleTree.NodeHash(c, fr);
                sr = MerkleTree.NodeHash(c, sr);
                if ((fn & 1) == 0 && fn != 0)
                {
                    var shift = BitOperations.TrailingZeroCount(fn);
                    fn >>= shift;
                    sn >>= shift;
                }
            }
            else
            {
                sr = MerkleTree.NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, oldRoot) && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }

    /// <summary>The largest power of two strictly below n (n ≥ 2).</summary>
    private static ulong SplitOf(ulong n) => 1UL << (63 - BitOperations.LeadingZeroCount(n - 1));
}
