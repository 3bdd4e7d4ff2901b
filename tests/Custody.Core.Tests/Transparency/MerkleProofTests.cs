using CsCheck;
using Custody.Ledger;
using static Custody.Core.Tests.Transparency.C2spVectors;

namespace Custody.Core.Tests.Transparency;

/// <summary>
/// RFC 9162 proofs against the transparency-dev/merkle vectors: generation must produce the same
/// paths as every other implementation, and verification must accept exactly those.
/// </summary>
public sealed class MerkleProofTests
{
    /// <summary>
    /// Every complete aligned subtree of the leaves, level by level. The source it hands out throws
    /// for a subtree that is not complete, so a generator that asks for one fails loudly.
    /// </summary>
    internal static MerkleProof.SubtreeSource SourceOf(IReadOnlyList<byte[]> leafHashes)
    {
        var levels = new List<List<byte[]>> { leafHashes.ToList() };
        while (levels[^1].Count > 1)
        {
            var below = levels[^1];
            levels.Add([.. Enumerable.Range(0, below.Count / 2).Select(i => MerkleTree.NodeHash(below[2 * i], below[2 * i + 1]))]);
        }
        return (level, index) => level < levels.Count && index < (ulong)levels[level].Count
            ? levels[level][(int)index]
            : throw new InvalidOperationException($"Asked for the incomplete subtree ({level}, {index}) of a tree of {leafHashes.Count} leaves.");
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    [Fact]
    public void LeafHashes_MatchTheReferenceLevelZero()
    {
        Assert.Equal(LeafHashHex, LeafHashes(8).Select(Hex));
    }

    [Fact]
    public void Roots_OfSizesZeroToEight_MatchTheReference_ByRootOfAndByRangeHash()
    {
        var leaves = LeafHashes(8);
        var source = SourceOf(leaves);
        for (var size = 0; size <= 8; size++)
        {
            Assert.Equal(Roots[size], Hex(MerkleTree.RootOf(leaves.Take(size).ToList())));
            Assert.Equal(Roots[size], Hex(MerkleProof.RangeHash(0, (ulong)size, source)));
        }
    }

    [Fact]
    public void RangeHash_OfAnUnalignedRange_Throws()
    {
        // Leaves [1, 3) are not a union of aligned complete subtrees; a silent answer would be wrong.
        Assert.Throws<ArgumentException>(() => MerkleProof.RangeHash(1, 2, SourceOf(LeafHashes(8))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Inclusion_GeneratesAndVerifiesTheReferencePath(int vector)
    {
        var (index, size, expected) = InclusionVectors[vector];
        var leaves = LeafHashes((int)size);
        var proof = MerkleProof.Inclusion(index, size, SourceOf(leaves));
        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(MerkleProof.VerifyInclusion(index, size, leaves[(int)index], proof, Root((int)size)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Consistency_GeneratesAndVerifiesTheReferenceProof(int vector)
    {
        var (oldSize, newSize, expected) = ConsistencyVectors[vector];
        var proof = MerkleProof.Consistency(oldSize, newSize, SourceOf(LeafHashes((int)newSize)));
        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(MerkleProof.VerifyConsistency(oldSize, newSize, Root((int)oldSize), Root((int)newSize), proof));
    }

    [Fact]
    public void Inclusion_OfAnIndexPastTheTree_Throws()
    {
        var source = SourceOf(LeafHashes(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProof.Inclusion(8, 8, source));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProof.Inclusion(0, 0, source));
    }

    [Fact]
    public void Consistency_FromTheEmptyTreeOrToTheSameSize_IsEmpty_AndShrinkingThrows()
    {
        var source = SourceOf(LeafHashes(8));
        Assert.Empty(MerkleProof.Consistency(0, 8, source));
        Assert.Empty(MerkleProof.Consistency(5, 5, source));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProof.Consistency(6, 5, source));
    }

    [Fact]
    public void SingleEntry_LeafIsTheRoot_AndEmptyHashesAreRejected()
    {
        var data = MerkleTree.LeafHash("data"u8);
        Assert.Equal("0d3aed023148ffd2a259fbd0cdc7fb3cf975658760d3775b82af6f90aacc2dfc", Hex(data));
        Assert.True(MerkleProof.VerifyInclusion(0, 1, data, [], data));
        Assert.False(MerkleProof.VerifyInclusion(0, 1, [], [], data));
        Assert.False(MerkleProof.VerifyInclusion(0, 1, data, [], []));
        Assert.False(MerkleProof.VerifyInclusion(0, 1, [], [], []));
    }

    // ---- RFC 9162 §2.1.5: the seven-leaf example, by the names the RFC gives its nodes ----

    private sealed record SevenLeafTree(byte[] A, byte[] B, byte[] C, byte[] D, byte[] E, byte[] F, byte[] J, byte[] G, byte[] H, byte[] I, byte[] K, byte[] L);

    private static SevenLeafTree Seven()
    {
        var d = LeafHashes(7);
        // j is the lone leaf d6; l = H(i, j) because the split of 3 leaves is 2 + 1.
        var (g, h, i) = (MerkleTree.NodeHash(d[0], d[1]), MerkleTree.NodeHash(d[2], d[3]), MerkleTree.NodeHash(d[4], d[5]));
        return new SevenLeafTree(d[0], d[1], d[2], d[3], d[4], d[5], d[6], g, h, i, MerkleTree.NodeHash(g, h), MerkleTree.NodeHash(i, d[6]));
    }

    [Fact]
    public void Rfc9162SevenLeafExample_RootAndOldHeads()
    {
        var t = Seven();
        Assert.Equal(Roots[7], Hex(MerkleTree.NodeHash(t.K, t.L)));
        Assert.Equal(Roots[3], Hex(MerkleTree.NodeHash(t.G, t.C)));   // hash0
        Assert.Equal(Roots[4], Hex(t.K));                              // hash1
        Assert.Equal(Roots[6], Hex(MerkleTree.NodeHash(t.K, t.I)));   // hash2
    }

    [Fact]
    public void Rfc9162SevenLeafExample_InclusionPaths()
    {
        var t = Seven();
        var source = SourceOf(LeafHashes(7));
        // "The inclusion proof for d0 is [b, h, l]", d3 [c, g, l], d4 [f, j, k], d6 [i, k].
        var expected = new Dictionary<ulong, byte[][]>
        {
            [0] = [t.B, t.H, t.L],
            [3] = [t.C, t.G, t.L],
            [4] = [t.F, t.J, t.K],
            [6] = [t.I, t.K],
        };
        var leaves = LeafHashes(7);
        foreach (var (index, path) in expected)
        {
            var proof = MerkleProof.Inclusion(index, 7, source);
            Assert.Equal(path.Select(Hex), proof.Select(Hex));
            Assert.True(MerkleProof.VerifyInclusion(index, 7, leaves[(int)index], proof, Root(7)));
        }
    }

    [Fact]
    public void Rfc9162SevenLeafExample_ConsistencyProofs()
    {
        var t = Seven();
        var source = SourceOf(LeafHashes(7));
        // PROOF(3, D[7]) = [c, d, g, l], PROOF(4, D[7]) = [l], PROOF(6, D[7]) = [i, j, k].
        var expected = new Dictionary<ulong, byte[][]>
        {
            [3] = [t.C, t.D, t.G, t.L],
            [4] = [t.L],
            [6] = [t.I, t.J, t.K],
        };
        foreach (var (oldSize, path) in expected)
        {
            var proof = MerkleProof.Consistency(oldSize, 7, source);
            Assert.Equal(path.Select(Hex), proof.Select(Hex));
            Assert.True(MerkleProof.VerifyConsistency(oldSize, 7, Root((int)oldSize), Root(7), proof));
        }
    }

    // ---- Property: random trees ----

    /// <summary>Leaf hashes of a random tree: the seed stands for the leaves' contents.</summary>
    private static List<byte[]> RandomLeaves(int size, int seed) =>
        [.. Enumerable.Range(0, size).Select(i => MerkleTree.LeafHash([.. BitConverter.GetBytes(seed), .. BitConverter.GetBytes(i)]))];

    [Fact]
    public void Property_EveryGeneratedProofVerifies()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int).Sample((size, seed) =>
        {
            var leaves = RandomLeaves(size, seed);
            var source = SourceOf(leaves);
            var n = (ulong)size;
            var root = MerkleProof.RangeHash(0, n, source);
            Assert.Equal(MerkleTree.RootOf(leaves), root);
            for (var i = 0; i < size; i++)
            {
                var path = MerkleProof.Inclusion((ulong)i, n, source);
                Assert.True(MerkleProof.VerifyInclusion((ulong)i, n, leaves[i], path, root), $"inclusion of {i} in {size}");
            }
            for (ulong m = 1; m <= n; m++)
            {
                var proof = MerkleProof.Consistency(m, n, source);
                Assert.True(MerkleProof.VerifyConsistency(m, n, MerkleProof.RangeHash(0, m, source), root, proof), $"consistency {m} -> {size}");
            }
        }, iter: 100);
    }

    /// <summary>A copy of the hashes with one bit flipped in element <paramref name="which"/>.</summary>
    private static List<byte[]> FlipBit(IReadOnlyList<byte[]> hashes, int which, int bit)
    {
        var copy = hashes.Select(h => h.ToArray()).ToList();
        copy[which][bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    [Fact]
    public void Property_OneFlippedBitInTheInclusionProofLeafOrRoot_IsRejected()
    {
        var gen = Gen.Int[1, 300].SelectMany(size => Gen.Select(Gen.Const(size), Gen.Int[0, size - 1], Gen.Int, Gen.Int[0, int.MaxValue], Gen.Int[0, 255]));
        gen.Sample((size, index, seed, target, bit) =>
        {
            var leaves = RandomLeaves(size, seed);
            var source = SourceOf(leaves);
            var root = MerkleProof.RangeHash(0, (ulong)size, source);
            var path = MerkleProof.Inclusion((ulong)index, (ulong)size, source);
            // The proof's elements, then the leaf, then the root: one of them gets the flipped bit.
            var all = FlipBit([.. path, leaves[index], root], target % (path.Count + 2), bit);
            Assert.False(MerkleProof.VerifyInclusion((ulong)index, (ulong)size, all[^2], all[..^2], all[^1]));
        }, iter: 300);
    }

    [Fact]
    public void Property_OneFlippedBitInTheConsistencyProofOrARoot_IsRejected()
    {
        var gen = Gen.Int[1, 300].SelectMany(size => Gen.Select(Gen.Const(size), Gen.Int[1, size], Gen.Int, Gen.Int[0, int.MaxValue], Gen.Int[0, 255]));
        gen.Sample((size, oldSize, seed, target, bit) =>
        {
            var source = SourceOf(RandomLeaves(size, seed));
            var (m, n) = ((ulong)oldSize, (ulong)size);
            var proof = MerkleProof.Consistency(m, n, source);
            var all = FlipBit([.. proof, MerkleProof.RangeHash(0, m, source), MerkleProof.RangeHash(0, n, source)], target % (proof.Count + 2), bit);
            Assert.False(MerkleProof.VerifyConsistency(m, n, all[^2], all[^1], all[..^2]));
        }, iter: 300);
    }
}
