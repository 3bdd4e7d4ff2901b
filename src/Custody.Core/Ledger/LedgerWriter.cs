using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Ledger;

/// <summary>
/// Appends entries inside the caller's transaction, next to the state changes they record, so
/// that both commit or neither does. Opening it serializes writers: SQLite transactions here begin
/// IMMEDIATE (one writer at a time), and on PostgreSQL it takes a transaction-scoped advisory lock
/// before reading the head, so two writers can never fork the chain or skip a seq.
/// </summary>
public sealed class LedgerWriter
{
    // An arbitrary constant naming "the ledger head" among PostgreSQL advisory locks.
    private const long AdvisoryLockKey = 0x437573746F6479; // "Custody"

    private readonly CustodyDbContext _db;
    private readonly TimeProvider _time;
    private readonly MerkleFrontier _frontier;

    private LedgerWriter(CustodyDbContext db, TimeProvider time, MerkleFrontier frontier)
    {
        _db = db;
        _time = time;
        _frontier = frontier;
    }

    /// <summary>Entries in the ledger, counting those appended and not yet saved.</summary>
    public long Size => _frontier.Size;

    /// <summary>The tree hash after the last appended entry.</summary>
    public byte[] Head => _frontier.Root();

    /// <summary>Locks the ledger for this transaction and reads its head.</summary>
    /// <exception cref="InvalidOperationException">No transaction is open on the context.</exception>
    public static async Task<LedgerWriter> OpenAsync(CustodyDbContext db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Ledger appends must share the transaction of the state change they record.");
        }
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        }
        var size = await db.LedgerEntries.MaxAsync(e => (long?)e.Seq, cancellationToken) ?? 0;
        var subtrees = new List<SubtreeHash>();
        foreach (var (level, index) in MerkleFrontier.SubtreePositions(size))
        {
            var hash = level == 0
                ? await db.LedgerEntries.Where(e => e.Seq == index + 1).Select(e => e.LeafHash).SingleAsync(cancellationToken)
                : await db.LedgerNodes.Where(n => n.Level == level && n.Index == index).Select(n => n.Hash).SingleAsync(cancellationToken);
            subtrees.Add(new SubtreeHash(level, index, hash));
        }
        return new LedgerWriter(db, time, MerkleFrontier.FromSubtrees(size, subtrees));
    }

    /// <summary>
    /// Appends one entry. <paramref name="occurredAt"/> is when it happened in the world; it may
    /// be earlier than now (recorded late) but never later.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">occurredAt lies in the future.</exception>
    public LedgerEntry Append(string kind, string subject, JsonObject payload, string actor, DateTime? occurredAt = null)
    {
        var recordedAt = Instants.Now(_time);
        var occurred = occurredAt is { } at ? Instants.Utc(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))) : recordedAt;
        if (occurred > recordedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(occurredAt), "An entry may be recorded late, never in the future.");
        }
        var content = new LedgerContent(_frontier.Size + 1, occurred, recordedAt, actor, kind, subject, payload, RandomNumberGenerator.GetBytes(32));
        var bytes = content.ToCanonicalBytes();
        var leaf = MerkleTree.LeafHash(bytes);
        foreach (var subtree in _frontier.Append(leaf))
        {
            _db.LedgerNodes.Add(new LedgerNode { Level = subtree.Level, Index = subtree.Index, Hash = subtree.Hash });
        }
        var entry = new LedgerEntry
        {
            Seq = content.Seq,
            OccurredAt = occurred,
            RecordedAt = recordedAt,
            Actor = actor,
            Kind = kind,
            Subject = subject,
            Content = bytes,
            LeafHash = leaf,
            TreeHash = _frontier.Root(),
        };
        _db.LedgerEntries.Add(entry);
        return entry;
    }
}
