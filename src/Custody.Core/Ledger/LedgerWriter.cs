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
    private byte[] _chain;
    private readonly List<LedgerEntry> _pendingEntries = [];
    private readonly List<LedgerNode> _pendingNodes = [];

    private LedgerWriter(CustodyDbContext db, TimeProvider time, MerkleFrontier frontier, byte[] chain)
    {
        _db = db;
        _time = time;
        _frontier = frontier;
        _chain = chain;
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
        var last = await db.LedgerEntries.OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.ChainHash }).FirstOrDefaultAsync(cancellationToken);
        var frontier = await LoadFrontierAsync(db, last?.Seq ?? 0, cancellationToken);
        var writer = new LedgerWriter(db, time, frontier, last?.ChainHash ?? MerkleTree.ChainStart());
        // The context writes pending entries first on every SaveChanges: no state change can be
        // saved without the entries that record it.
        db.Ledger = writer;
        return writer;
    }

    /// <summary>The right edge of the stored tree of the given size: at most log₂ n reads.</summary>
    public static async Task<MerkleFrontier> LoadFrontierAsync(CustodyDbContext db, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var subtrees = new List<SubtreeHash>();
        foreach (var (level, index) in MerkleFrontier.SubtreePositions(size))
        {
            var hash = level == 0
                ? await db.LedgerEntries.Where(e => e.Seq == index + 1).Select(e => e.LeafHash).SingleAsync(cancellationToken)
                : await db.LedgerNodes.Where(n => n.Level == level && n.Index == index).Select(n => n.Hash).SingleAsync(cancellationToken);
            subtrees.Add(new SubtreeHash(level, index, hash));
        }
        return MerkleFrontier.FromSubtrees(size, subtrees);
    }

    /// <summary>
    /// Appends one entry. <paramref name="occurredAt"/> is when it happened in the world; it may
    /// be earlier than now (recorded late) but never later.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">occurredAt lies in the future.</exception>
    public LedgerEntry Append(string kind, string subject, JsonObject payload, string actor, DateTime? occurredAt = null) =>
        AppendMany([new Request(kind, subject, payload, actor, occurredAt)])[0];

    /// <summary>
    /// One entry to append; <see cref="OccurredAt"/> null means now. <see cref="CanonicalPayload"/>
    /// is the payload already canonicalized, when the caller has it (see <see cref="LedgerContent.ToCanonicalBytes"/>).
    /// </summary>
    public sealed record Request(string Kind, string Subject, JsonObject Payload, string Actor, DateTime? OccurredAt = null, byte[]? CanonicalPayload = null);

    /// <summary>
    /// Appends entries in order, as <see cref="Append"/> would one by one, but canonicalizes and
    /// hashes their contents on every core: the costly part of a large import.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An entry's occurredAt lies in the future.</exception>
    public IReadOnlyList<LedgerEntry> AppendMany(IReadOnlyList<Request> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var recordedAt = Instants.Now(_time);
        var occurred = requests.Select(r => r.OccurredAt is { } at ? Instants.Utc(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))) : recordedAt).ToArray();
        if (occurred.Any(at => at > recordedAt))
        {
            throw new ArgumentOutOfRangeException(nameof(requests), "An entry may be recorded late, never in the future.");
        }
        var first = _frontier.Size + 1;
        var salts = requests.Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
        var contents = new (byte[] Bytes, byte[] Leaf)[requests.Count];
        Parallel.For(0, requests.Count, i =>
        {
            var r = requests[i];
            var bytes = new LedgerContent(first + i, occurred[i], recordedAt, r.Actor, r.Kind, r.Subject, r.Payload, salts[i]).ToCanonicalBytes(r.CanonicalPayload);
            contents[i] = (bytes, MerkleTree.LeafHash(bytes));
        });
        var entries = new LedgerEntry[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            foreach (var subtree in _frontier.Append(contents[i].Leaf))
            {
                _pendingNodes.Add(new LedgerNode { Level = subtree.Level, Index = subtree.Index, Hash = subtree.Hash });
            }
            var r = requests[i];
            _chain = MerkleTree.ChainHash(_chain, contents[i].Leaf);
            entries[i] = new LedgerEntry
            {
                Seq = first + i,
                OccurredAt = occurred[i],
                RecordedAt = recordedAt,
                Actor = r.Actor,
                Kind = r.Kind,
                Subject = r.Subject,
                Content = contents[i].Bytes,
                LeafHash = contents[i].Leaf,
                ChainHash = _chain,
            };
            _pendingEntries.Add(entries[i]);
        }
        return entries;
    }

    /// <summary>Writes the appended entries and subtree hashes; called by the context before it saves.</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pendingEntries.Count == 0)
        {
            return;
        }
        await using (var entries = new BulkInserter<LedgerEntry>(_db))
        {
            foreach (var entry in _pendingEntries)
            {
                await entries.InsertAsync(entry, cancellationToken);
            }
        }
        await using (var nodes = new BulkInserter<LedgerNode>(_db))
        {
            foreach (var node in _pendingNodes)
            {
                await nodes.InsertAsync(node, cancellationToken);
            }
        }
        _pendingEntries.Clear();
        _pendingNodes.Clear();
    }

    /// <inheritdoc cref="FlushAsync"/>
    internal void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
}
