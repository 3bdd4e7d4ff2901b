using CsCheck;
using Custody.Ledger;

namespace Custody.Core.Tests.Ledger;

public sealed class MerkleTreeTests
{
    // RFC 6962 / RFC 9162 reference leaves and the tree head for each size 0..8, as published
    // with the transparency-dev Merkle library: a log that no other implementation agrees with
    // proves nothing to a court.
    private static readonly string[] Leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void RootOf_ReferenceLeaves_MatchesPublishedRootForEverySize()
    {
        var hashes = Leaves.Select(l => MerkleTree.LeafHash(Convert.FromHexString(l))).ToList();
        for (var size = 0; size <= hashes.Count; size++)
        {
            Assert.Equal(Roots[size], Convert.ToHexStringLower(MerkleTree.RootOf(hashes.Take(size).ToList())));
        }
    }

    [Fact]
    public void Frontier_ReferenceLeaves_MatchesPublishedRootAfterEveryAppend()
    {
        var frontier = new MerkleFrontier();
        Assert.Equal(Roots[0], Convert.ToHexStringLower(frontier.Root()));
        for (var i = 0; i < Leaves.Length; i++)
        {
            frontier.Append(MerkleTree.LeafHash(Convert.FromHexString(Leaves[i])));
            Assert.Equal(Roots[i + 1], Convert.ToHexStringLower(frontier.Root()));
        }
    }

    [Fact]
    public void LeafAndNode_UseDistinctPrefixes()
    {
        var leaf = MerkleTree.LeafHash(new byte[64]);
        var node = MerkleTree.NodeHash(new byte[32], new byte[32]);
        Assert.NotEqual(leaf, node);
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(MerkleTree.LeafHash([])));
    }

    [Fact]
    public void Frontier_ResumedFromStoredSubtrees_AgreesWithOneBuiltFromScratch()
    {
        Gen.Int[1, 300].Sample(size =>
        {
            var leaves = Enumerable.Range(0, size + 5).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
            var full = new MerkleFrontier();
            var stored = new Dictionary<(int, long), byte[]>();
            foreach (var leaf in leaves.Take(size))
            {
                foreach (var subtree in full.Append(leaf))
                {
                    stored[(subtree.Level, subtree.Index)] = subtree.Hash;
                }
            }
            var subtrees = MerkleFrontier.SubtreePositions(size)
                .Select(p => new SubtreeHash(p.Level, p.Index, p.Level == 0 ? leaves[(int)p.Index] : stored[(p.Level, p.Index)]));
            var resumed = MerkleFrontier.FromSubtrees(size, subtrees);
            Assert.Equal(full.Root(), resumed.Root());
            foreach (var leaf in leaves.Skip(size))
            {
                full.Append(leaf);
                resumed.Append(leaf);
                Assert.Equal(full.Root(), resumed.Root());
            }
            Assert.Equal(MerkleTree.RootOf(leaves), resumed.Root());
        });
    }

    [Fact]
    public void Append_StoresEveryCompleteSubtreeOnce()
    {
        var frontier = new MerkleFrontier();
        var completed = new List<SubtreeHash>();
        for (var i = 0; i < 16; i++)
        {
            completed.AddRange(frontier.Append(MerkleTree.LeafHash([(byte)i])));
        }
        // 8 + 4 + 2 + 1 interior subtrees over 16 leaves
        Assert.Equal(15, completed.Count);
        Assert.Equal(completed.Count, completed.Select(c => (c.Level, c.Index)).Distinct().Count());
        Assert.Equal(frontier.Root(), completed.Single(c => c.Level == 4).Hash);
    }
}
