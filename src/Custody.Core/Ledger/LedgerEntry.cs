namespace Custody.Ledger;

/// <summary>
/// One entry of the append-only ledger. <see cref="Content"/> holds the exact canonical bytes
/// that were hashed (seq, instants, actor, kind, subject, payload and a 32-byte random salt);
/// the other columns are copies kept for querying, and verification checks that they agree with
/// the bytes. The salt makes the leaf hash of an entry unguessable, so that tree hashes can be
/// published without letting anyone confirm a guess about a person; it never leaves the node.
/// </summary>
public sealed class LedgerEntry
{
    public long Seq { get; set; }

    public DateTime OccurredAt { get; set; }

    public DateTime RecordedAt { get; set; }

    public required string Actor { get; set; }

    public required string Kind { get; set; }

    public required string Subject { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>RFC 9162 leaf hash: SHA-256(0x00 ‖ Content).</summary>
    public required byte[] LeafHash { get; set; }

    /// <summary>
    /// SHA-256(ChainHash of the entry before ‖ LeafHash); 32 zero bytes stand before entry 1. Links
    /// each entry to every one before it at the cost of one small hash. The Merkle tree hash of any
    /// size, for checkpoints and proofs, comes from the stored subtree hashes.
    /// </summary>
    public required byte[] ChainHash { get; set; }
}

/// <summary>
/// The hash of a complete subtree of level ≥ 1 (2^Level aligned leaves), stored as leaves arrive
/// so that any tree head, inclusion proof or consistency proof is built from at most log₂ n rows.
/// Level-0 hashes are the entries' leaf hashes.
/// </summary>
public sealed class LedgerNode
{
    public int Level { get; set; }

    public long Index { get; set; }

    public required byte[] Hash { get; set; }
}
