using Custody.Ledger;
using static Custody.Core.Tests.Transparency.C2spVectors;

namespace Custody.Core.Tests.Transparency;

/// <summary>
/// The corruptions transparency-dev/merkle applies to each happy-path vector (its verify tests and
/// testdata/*/). Every one must be rejected; each test lists the names of those that were not.
/// </summary>
public sealed class MerkleProofRejectionTests
{
    private sealed record InclusionCase(string Name, ulong Index, ulong Size, byte[] Leaf, List<byte[]> Proof, byte[] Root);

    private sealed record ConsistencyCase(string Name, ulong OldSize, ulong NewSize, byte[] OldRoot, byte[] NewRoot, List<byte[]> Proof);

    private static List<byte[]> Prepend(byte[] first, List<byte[]> rest) => [first, .. rest];

    private static List<byte[]> Append(List<byte[]> rest, byte[] last) => [.. rest, last];

    /// <summary>The proof with element <paramref name="i"/>'s first byte XORed with <paramref name="mask"/>.</summary>
    private static List<byte[]> Corrupt(List<byte[]> proof, int i, byte mask)
    {
        var copy = proof.Select(p => p.ToArray()).ToList();
        copy[i][0] ^= mask;
        return copy;
    }

    private static IEnumerable<InclusionCase> InclusionCorruptions(ulong index, ulong size, byte[] leaf, List<byte[]> proof, byte[] root)
    {
        yield return new("index - 1 (wrapping)", unchecked(index - 1), size, leaf, proof, root);
        yield return new("index + 1", index + 1, size, leaf, proof, root);
        yield return new("index ^ 2", index ^ 2, size, leaf, proof, root);
        yield return new("size * 2", index, size * 2, leaf, proof, root);
        yield return new("size / 2", index, size / 2, leaf, proof, root);
        yield return new("wrong leaf", index, size, WrongLeaf, proof, root);
        // The same with a well-formed hash, so the rejection is not just the length check.
        yield return new("wrong 32-byte leaf", index, size, MerkleTree.LeafHash(WrongLeaf), proof, root);
        yield return new("empty root", index, size, leaf, proof, EmptyHash);
        yield return new("random root", index, size, leaf, proof, RandomHash);
        yield return new("trailing garbage", index, size, leaf, Append(proof, Garbage), root);
        yield return new("trailing root", index, size, leaf, Append(proof, root), root);
        yield return new("preceding garbage", index, size, leaf, Prepend(Garbage, proof), root);
        yield return new("preceding root", index, size, leaf, Prepend(root, proof), root);
        for (var i = 0; i < proof.Count; i++)
        {
            yield return new($"bit 3 of proof[{i}]", index, size, leaf, Corrupt(proof, i, 8), root);
        }
        if (proof.Count > 0)
        {
            yield return new("removed component", index, size, leaf, proof[..^1], root);
        }
        if (proof.Count > 1)
        {
            yield return new("inserted component", index, size, leaf, [proof[0], RandomHash, .. proof[1..]], root);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Inclusion_EveryCorruptionOfAHappyVector_IsRejected(int vector)
    {
        var (index, size, proof) = InclusionVectors[vector];
        var leaf = LeafHashes((int)size)[(int)index];
        var cases = InclusionCorruptions(index, size, leaf, Hashes(proof), Root((int)size)).ToList();
        Assert.NotEmpty(cases);
        var accepted = cases.Where(c => MerkleProof.VerifyInclusion(c.Index, c.Size, c.Leaf, c.Proof, c.Root)).Select(c => c.Name);
        Assert.Empty(accepted);
    }

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(0UL, 1UL)]
    [InlineData(1UL, 0UL)]
    [InlineData(2UL, 1UL)]
    public void Inclusion_AdditionalIndexSizeCases_WithAnEmptyProof_AreRejected(ulong index, ulong size)
    {
        Assert.False(MerkleProof.VerifyInclusion(index, size, RandomHash, [], []));
        Assert.False(MerkleProof.VerifyInclusion(index, size, [], [], EmptyHash));
        Assert.False(MerkleProof.VerifyInclusion(index, size, RandomHash, [], EmptyHash));
    }

    private static IEnumerable<ConsistencyCase> ConsistencyCorruptions(ulong m, ulong n, byte[] root1, byte[] root2, List<byte[]> proof)
    {
        yield return new("size1 - 1", m - 1, n, root1, root2, proof);
        yield return new("size1 + 1", m + 1, n, root1, root2, proof);
        yield return new("size1 ^ 2", m ^ 2, n, root1, root2, proof);
        yield return new("size2 * 2", m, n * 2, root1, root2, proof);
        yield return new("size2 / 2", m, n / 2, root1, root2, proof);
        yield return new("wrong root1", m, n, WrongRoot, root2, proof);
        yield return new("wrong root2", m, n, root1, WrongRoot, proof);
        yield return new("wrong 32-byte root1", m, n, RandomHash, root2, proof);
        yield return new("wrong 32-byte root2", m, n, root1, RandomHash, proof);
        yield return new("swapped roots", m, n, root2, root1, proof);
        yield return new("empty proof", m, n, root1, root2, []);
        yield return new("trailing garbage", m, n, root1, root2, Append(proof, Garbage));
        yield return new("trailing root1", m, n, root1, root2, Append(proof, root1));
        yield return new("trailing root2", m, n, root1, root2, Append(proof, root2));
        yield return new("preceding garbage", m, n, root1, root2, Prepend(Garbage, proof));
        yield return new("preceding root1", m, n, root1, root2, Prepend(root1, proof));
        yield return new("preceding root2", m, n, root1, root2, Prepend(root2, proof));
        yield return new("preceding proof[0]", m, n, root1, root2, Prepend(proof[0], proof));
        yield return new("truncated proof", m, n, root1, root2, proof[..^1]);
        for (var i = 0; i < proof.Count; i++)
        {
            yield return new($"bit 4 of proof[{i}]", m, n, root1, root2, Corrupt(proof, i, 16));
        }
    }

    // Vector 0 (1 -> 1, empty proof) is trivial and has no corruptions upstream.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Consistency_EveryCorruptionOfAHappyVector_IsRejected(int vector)
    {
        var (m, n, proof) = ConsistencyVectors[vector];
        var cases = ConsistencyCorruptions(m, n, Root((int)m), Root((int)n), Hashes(proof)).ToList();
        var accepted = cases.Where(c => MerkleProof.VerifyConsistency(c.OldSize, c.NewSize, c.OldRoot, c.NewRoot, c.Proof)).Select(c => c.Name);
        Assert.Empty(accepted);
    }

    [Fact]
    public void Consistency_Corruptions_ReachTheEdgeCases()
    {
        // The corruptions above must include m = 0, m > n and m = n with a proof: check that they do.
        Assert.Contains(ConsistencyCorruptions(1, 8, Root(1), Root(8), Hashes(ConsistencyVectors[1].Proof)), c => c.OldSize == 0);
        Assert.Contains(ConsistencyCorruptions(6, 8, Root(6), Root(8), Hashes(ConsistencyVectors[2].Proof)), c => c.OldSize > c.NewSize);
        Assert.Contains(ConsistencyCorruptions(2, 5, Root(2), Root(5), Hashes(ConsistencyVectors[3].Proof)), c => c.OldSize == c.NewSize);
    }

    private static readonly byte[] DontCare1 = "don't care 1"u8.ToArray();
    private static readonly byte[] DontCare2 = "don't care 2"u8.ToArray();

    /// <summary>testdata/consistency/additional at merkle HEAD (every row is an error but the first).</summary>
    public static TheoryData<string, ulong, ulong, byte[], byte[], byte[][]> AdditionalRejected => new()
    {
        { "1->1 roots differ", 1, 1, DontCare1, DontCare2, [] },
        { "1->1 empty vs other", 1, 1, EmptyHash, DontCare2, [] },
        { "1->1 equal roots, non-empty proof", 1, 1, EmptyHash, EmptyHash, [EmptyHash] },
        { "0->0 equal roots", 0, 0, DontCare1, DontCare1, [] },
        { "0->0 equal 32-byte roots", 0, 0, EmptyHash, EmptyHash, [] },
        { "0->0 roots differ", 0, 0, DontCare1, DontCare2, [] },
        { "0->0 empty vs other", 0, 0, EmptyHash, DontCare2, [] },
        { "0->0 non-empty proof", 0, 0, EmptyHash, EmptyHash, [EmptyHash] },
        { "0->1", 0, 1, DontCare1, DontCare2, [] },
        { "0->1 empty vs other", 0, 1, EmptyHash, DontCare2, [] },
        { "0->1 non-empty proof", 0, 1, EmptyHash, EmptyHash, [EmptyHash] },
        { "0->8 from the real empty root", 0, 8, EmptyHash, Convert.FromHexString(Roots[8]), [] },
        { "1->0", 1, 0, Convert.FromHexString(Roots[1]), EmptyHash, [] },
        { "2->1", 2, 1, Convert.FromHexString(Roots[2]), Convert.FromHexString(Roots[1]), [] },
        { "6->4 with the 6->8 proof", 6, 4, Convert.FromHexString(Roots[6]), Convert.FromHexString(Roots[4]), [.. Hashes(ConsistencyVectors[2].Proof)] },
        { "1->2 empty proof", 1, 2, Convert.FromHexString(Roots[1]), Convert.FromHexString(Roots[2]), [] },
        { "2->2 with a proof", 2, 2, Convert.FromHexString(Roots[2]), Convert.FromHexString(Roots[2]), [.. Hashes(ConsistencyVectors[3].Proof)] },
    };

    [Theory]
    [MemberData(nameof(AdditionalRejected))]
    public void Consistency_AdditionalEdgeCases_AreRejected(string name, ulong m, ulong n, byte[] root1, byte[] root2, byte[][] proof)
    {
        Assert.False(MerkleProof.VerifyConsistency(m, n, root1, root2, proof), name);
    }

    [Fact]
    public void Consistency_SameSize_EmptyProof_EqualRoots_IsAccepted()
    {
        Assert.True(MerkleProof.VerifyConsistency(1, 1, Root(1), Root(1), []));
        Assert.True(MerkleProof.VerifyConsistency(8, 8, Root(8), Root(8), []));
        Assert.True(MerkleProof.VerifyConsistency(8, 8, RandomHash, RandomHash, []));
    }

    [Fact]
    public void Consistency_SameSize_EqualRootsThatAreNotHashes_IsRejected()
    {
        // Upstream merkle accepts 1->1 with the 12-byte root "don't care 2" twice, because it does not
        // length-check roots when m = n. Custody rejects any root that is not a 32-byte hash: a tree
        // head never is anything else, so the stricter answer loses nothing.
        Assert.False(MerkleProof.VerifyConsistency(1, 1, DontCare2, DontCare2, []));
    }
}
