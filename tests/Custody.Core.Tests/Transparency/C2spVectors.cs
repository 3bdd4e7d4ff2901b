using System.Text;
using Custody.Ledger;

namespace Custody.Core.Tests.Transparency;

/// <summary>
/// Test vectors from the C2SP specs, golang.org/x/mod/sumdb/note and transparency-dev/merkle,
/// copied verbatim (see /work/notes/c2sp.md). The "derived" ones use the published PeterNeumann
/// seed under other names and were computed independently in Python: Ed25519 is deterministic, so
/// matching them byte for byte means another implementation accepts what Custody writes.
/// </summary>
internal static class C2spVectors
{
    public const string EmDash = "\u2014";

    // ---- RFC 6962 / 9162 reference tree (transparency-dev/merkle testonly) ----

    public static readonly string[] LeafInputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    public static readonly string[] Roots =
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

    public static readonly string[] LeafHashHex =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    ];

    /// <summary>(leaf index, tree size, audit path): testdata/inclusion/*/happy-path.json.</summary>
    public static readonly (ulong Index, ulong Size, string[] Proof)[] InclusionVectors =
    [
        (0, 1, []),
        (0, 8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        (5, 8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (1, 5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
    ];

    /// <summary>(old size, new size, proof): testdata/consistency/*/happy-path.json.</summary>
    public static readonly (ulong OldSize, ulong NewSize, string[] Proof)[] ConsistencyVectors =
    [
        (1, 1, []),
        (1, 8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        (6, 8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        (2, 5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
        (6, 7,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
    ];

    /// <summary>The corruption constants of transparency-dev/merkle's rejection tests.</summary>
    public static readonly byte[] RandomHash = Convert.FromHexString("abacaba000000000000000000000000000000000000000000060061e00123456");

    public static readonly byte[] EmptyHash = Convert.FromHexString(Roots[0]);

    public static readonly byte[] Garbage = [];

    public static readonly byte[] WrongRoot = Encoding.ASCII.GetBytes("WrongRoot");

    public static readonly byte[] WrongLeaf = Encoding.ASCII.GetBytes("WrongLeaf");

    public static List<byte[]> LeafHashes(int count) =>
        [.. LeafInputs.Take(count).Select(l => MerkleTree.LeafHash(Convert.FromHexString(l)))];

    public static byte[] Root(int size) => Convert.FromHexString(Roots[size]);

    public static List<byte[]> Hashes(IEnumerable<string> hex) => [.. hex.Select(Convert.FromHexString)];

    // ---- signed-note (x/mod sumdb/note note_test.go, c2sp.org/signed-note) ----

    public const string PeterSkey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    public const string PeterVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    public const string PeterSeedHex = "810a1402d5146c8d84f2443330f54080ebf98ee17d9c74f6252fc5d5c7283173";
    public const string PeterPublicHex = "1a5cd907143c384c41e830c5bce12aa8817ec5649aaabf2c31388b35b2d744d6";

    public const string PeterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";

    public const string PeterLine = EmDash + " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

    public const string PeterNote = PeterText + "\n" + PeterLine + "\n";

    public const string EnochVkey = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

    public const string EnochLine = EmDash + " EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=";

    public const string DoublySignedNote = PeterText + "\n" + PeterLine + "\n" + EnochLine + "\n";

    public const string SpecExampleVkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

    public const string SpecExampleNote =
        "This is an example message.\n\n" +
        EmDash + " example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    public static byte[] PeterSeed => Convert.FromHexString(PeterSeedHex);

    // ---- tlog-checkpoint (derived: the PeterNeumann seed as the log key of the spec's origin) ----

    public const string Origin = "example.com/behind-the-sofa";
    public const string LogSkey = "PRIVATE+KEY+example.com/behind-the-sofa+bed5581b+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    public const string LogVkey = "example.com/behind-the-sofa+bed5581b+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    public const string SpecCheckpointText = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    public const string SpecCheckpointLine = EmDash + " example.com/behind-the-sofa vtVYG5/3L9NHv4CxP0XTzEcSuWnwY/BYfHU7NnQPhQyrEuH+AqeHvF+HXNvu8ujR9RQHE17Tcer4sDE9uIi/Yx6ihwc=";

    public const string Checkpoint6Text = "example.com/behind-the-sofa\n6\nduZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=\n";
    public const string Checkpoint6Line = EmDash + " example.com/behind-the-sofa vtVYGy9OZLxU7aAbt7DbIM8Gy/phlhZSVNlAMVrIpMU8kvLNXdmhISJt189ucGy58nSs5bLa01IOhhBI9HDUQXu1IQ4=";

    public const string Checkpoint8Text = "example.com/behind-the-sofa\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n";
    public const string Checkpoint8Line = EmDash + " example.com/behind-the-sofa vtVYG1esxQ51FBN9txIxMXqCOCqziwOLB1xR1ZhHgoxPNb9cSMzyYc6t6Lfy1D1MqalcvRb+05kmnaJ39wL4bF5xuAE=";

    public const string Checkpoint6Note = Checkpoint6Text + "\n" + Checkpoint6Line + "\n";
    public const string Checkpoint8Note = Checkpoint8Text + "\n" + Checkpoint8Line + "\n";

    // ---- tlog-cosignature (derived: the PeterNeumann seed as the witness key) ----

    public const string WitnessName = "witness.example.com/w1";
    public const string WitnessVkey = "witness.example.com/w1+d46a2b1b+BBpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    public const uint WitnessKeyId = 0xd46a2b1b;

    public const long SpecCosignTime = 1679315147;
    public const string SpecCosignMessage = "cosignature/v1\ntime 1679315147\n" + SpecCheckpointText;
    public const string SpecCosignRawSignatureHex = "25e47ffe9ab386710a56f126db059b876449ea8aeee7e71451f9b95fd36795a1abf1a487f50139455643e101a5c65d85e54a552088bde29d7bf0a2dfa8f3ec00";
    public const string SpecCosignLine = EmDash + " witness.example.com/w1 1GorGwAAAABkGFDLJeR//pqzhnEKVvEm2wWbh2RJ6oru5+cUUfm5X9NnlaGr8aSH9QE5RVZD4QGlxl2F5UpVIIi94p178KLfqPPsAA==";

    public const long WitnessTime = 1700000000;
    public const string Cosign6Line = EmDash + " witness.example.com/w1 1GorGwAAAABlU/EAGo/loDgu7FZGgZhKh6a1FmGOPLzbtfFQ+O/oB29A8szXn2u9zW9IiQ+0Fk0YLPWfk+xPFpRafh+2vm3I3aW1Ag==";
    public const string Cosign8Line = EmDash + " witness.example.com/w1 1GorGwAAAABlU/EAQ2gFrKB74SrUt86rP1POApmLWgg8lZaYwceCrwQYyHbE0cva2SsQ3EZqwxvKJcL3+uIW4DoOIpAS0BR94LebDg==";

    // ---- tlog-witness (derived request: the size-6 state to the size-8 checkpoint) ----

    public const string Request6To8 =
        "old 6\n" +
        "DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=\n" +
        "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\n" +
        "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\n" +
        "\n" +
        Checkpoint8Note;
}
