using System.Collections;
using System.Reflection;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Custody.Ledger;

/// <summary>
/// The outcome of a verification. When <see cref="Ok"/> is false, either <see cref="FirstBadSeq"/>
/// names the first entry that fails, or <see cref="Table"/> and <see cref="Key"/> name the first
/// stored row that disagrees with the state rebuilt from the ledger.
/// </summary>
public sealed record LedgerVerification(bool Ok, long Entries, string? TreeHash, long? FirstBadSeq, string? Table, string? Key, string? Problem);

/// <summary>
/// A tree head noted earlier (by an auditor, a court, the other state): the ledger must still
/// contain it as a prefix. This is what catches a ledger cut short at its end, which no hash
/// inside the ledger can reveal on its own.
/// </summary>
public sealed record KnownHead(long Size, string TreeHash, string What = "a head noted earlier");

/// <summary>Progress of a verification: entries checked of the total, then tables compared.</summary>
public readonly record struct VerifyProgress(string Phase, long Done, long Total);

/// <summary>
/// Recomputes every leaf hash, every stored subtree and every tree head from the stored entry
/// bytes; checks that seq runs from 1 without a gap and that the query columns agree with the
/// hashed bytes; rebuilds every state table from the ledger alone, through the same projectors the
/// commands use (<see cref="EventRegistry"/>), and compares it row by row, column by column, with
/// the stored table. The tables compared are every entity type of the EF model except those
/// <see cref="OutsideLedger"/> names: a new table is verified without anyone listing it. Accounts and
/// role grants (Identity's tables) are rebuilt by <see cref="Access.AccountsReplay"/> and compared too.
/// </summary>
public sealed class VerifyLedger(CustodyDbContext db)
{
    public async Task<LedgerVerification> RunAsync(IProgress<VerifyProgress>? progress = null, KnownHead? knownHead = null, CancellationToken cancellationToken = default)
    {
        var total = await db.LedgerEntries.LongCountAsync(cancellationToken);
        var frontier = new MerkleFrontier();
        var chain = MerkleTree.ChainStart();
        var nodes = new Dictionary<(int, long), byte[]>();
        var projection = new MemoryProjectionStore(db.Model);
        var accounts = new Access.AccountsReplay();
        long expected = 1;
        await foreach (var entry in db.LedgerEntries.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var problem = CheckEntry(entry, expected, chain, frontier, nodes, projection, accounts);
            if (problem is not null)
            {
                return Fail(expected - 1, frontier, problem.Value.Seq, null, null, problem.Value.Message);
            }
            chain = entry.ChainHash;
            if (knownHead is not null && entry.Seq == knownHead.Size && !string.Equals(Convert.ToHexStringLower(frontier.Root()), knownHead.TreeHash, StringComparison.OrdinalIgnoreCase))
            {
                return Fail(entry.Seq, frontier, entry.Seq, null, null, $"the tree hash at size {knownHead.Size} is not the one {knownHead.What} commits to: history was rewritten");
            }
            expected++;
            if (expected % 2048 == 0)
            {
                progress?.Report(new VerifyProgress("entries", expected - 1, total));
            }
        }
        var size = expected - 1;
        progress?.Report(new VerifyProgress("entries", size, total));
        if (knownHead is not null && size < knownHead.Size)
        {
            return Fail(size, frontier, size + 1, null, null, $"the ledger has {size} entries but {knownHead.What} has {knownHead.Size}: entries were removed from its end");
        }

        var nodeProblem = await CompareNodesAsync(nodes, cancellationToken);
        if (nodeProblem is not null)
        {
            return Fail(size, frontier, null, "LedgerNodes", nodeProblem.Value.Key, nodeProblem.Value.Message);
        }
        var tables = db.Model.GetEntityTypes().Where(t => !t.IsOwned() && OutsideLedger.Why(t.ClrType) is null)
            .OrderBy(t => t.GetTableName(), StringComparer.Ordinal).ToList();
        var done = 0;
        foreach (var table in tables)
        {
            var mismatch = await CompareAsync(table, projection, cancellationToken);
            if (mismatch is not null)
            {
                return Fail(size, frontier, null, table.GetTableName(), mismatch.Value.Key, mismatch.Value.Message);
            }
            progress?.Report(new VerifyProgress("tables", ++done, tables.Count));
        }
        // Accounts and role grants: who may do what is rebuilt from the ledger and held against the Identity tables.
        if (await accounts.CompareAsync(db, cancellationToken) is { } account)
        {
            return Fail(size, frontier, null, account.Table, account.Key, account.Problem);
        }
        return new LedgerVerification(true, size, Convert.ToHexStringLower(frontier.Root()), null, null, null, null);
    }

    // The tree hash reported on failure is that of the entries verified so far.
    private static LedgerVerification Fail(long size, MerkleFrontier frontier, long? seq, string? table, string? key, string problem) =>
        new(false, size, Convert.ToHexStringLower(frontier.Root()), seq, table, key, problem);

    private static (long Seq, string Message)? CheckEntry(LedgerEntry entry, long expected, byte[] chain, MerkleFrontier frontier, Dictionary<(int, long), byte[]> nodes,
        MemoryProjectionStore projection, Access.AccountsReplay accounts)
    {
        if (entry.Seq != expected)
        {
            return (expected, entry.Seq > expected ? $"entry {expected} is missing (the next stored entry is {entry.Seq})" : $"entry {entry.Seq} is out of order");
        }
        var leaf = MerkleTree.LeafHash(entry.Content);
        if (!leaf.AsSpan().SequenceEqual(entry.LeafHash))
        {
            return (entry.Seq, "the leaf hash does not match the entry's content");
        }
        StoredContent content;
        try
        {
            content = StoredContent.Read(entry.Content);
        }
        catch (FormatException ex)
        {
            return (entry.Seq, ex.Message);
        }
        if (content.Seq != entry.Seq || content.OccurredAt != entry.OccurredAt || content.RecordedAt != entry.RecordedAt
            || content.Actor != entry.Actor || content.Kind != entry.Kind || content.Subject != entry.Subject)
        {
            return (entry.Seq, "the entry's columns disagree with its hashed content");
        }
        if (content.OccurredAt > content.RecordedAt)
        {
            return (entry.Seq, "the entry says it occurred after it was recorded");
        }
        foreach (var subtree in frontier.Append(leaf))
        {
            nodes[(subtree.Level, subtree.Index)] = subtree.Hash;
        }
        if (!MerkleTree.ChainHash(chain, leaf).AsSpan().SequenceEqual(entry.ChainHash))
        {
            return (entry.Seq, "the chain hash does not link this entry to the ones before it");
        }
        try
        {
            EventRegistry.Default.Replay(content, projection);
            if (content.Kind.StartsWith("user.", StringComparison.Ordinal))
            {
                accounts.Observe(EventRegistry.Default.Read(content.Kind, content.Payload.Span));
            }
        }
        catch (ProjectionException ex)
        {
            return (entry.Seq, ex.Message);
        }
        return null;
    }

    private async Task<(string Key, string Message)?> CompareNodesAsync(Dictionary<(int, long), byte[]> computed, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(int, long)>();
        await foreach (var node in db.LedgerNodes.AsNoTracking().OrderBy(n => n.Level).ThenBy(n => n.Index).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = $"{node.Level}/{node.Index}";
            if (!computed.TryGetValue((node.Level, node.Index), out var hash))
            {
                return (key, "a stored subtree hash that no entries produce");
            }
            if (!hash.AsSpan().SequenceEqual(node.Hash))
            {
                return (key, "the stored subtree hash does not match the entries under it");
            }
            seen.Add((node.Level, node.Index));
        }
        if (seen.Count != computed.Count)
        {
            var missing = computed.Keys.Where(k => !seen.Contains(k)).Order().First();
            return ($"{missing.Item1}/{missing.Item2}", "a subtree hash that the entries produce is missing from the table");
        }
        return null;
    }

    private static readonly MethodInfo CompareTable = typeof(VerifyLedger).GetMethod(nameof(CompareTableAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private Task<(string Key, string Message)?> CompareAsync(IEntityType table, MemoryProjectionStore rebuilt, CancellationToken cancellationToken) =>
        (Task<(string Key, string Message)?>)CompareTable.MakeGenericMethod(table.ClrType).Invoke(this, [table, rebuilt, cancellationToken])!;

    /// <summary>
    /// Compares the stored rows with the rebuilt ones, every mapped column; of the rows that disagree,
    /// the one with the lowest key is named.
    /// </summary>
    private async Task<(string Key, string Message)?> CompareTableAsync<T>(IEntityType table, MemoryProjectionStore rebuilt, CancellationToken cancellationToken)
        where T : class
    {
        var expected = rebuilt.Rows(typeof(T));
        var properties = table.GetProperties().Where(p => p.PropertyInfo is not null).Select(p => p.PropertyInfo!).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        (string Key, string Message)? first = null;
        void Found(string key, string message)
        {
            if (first is null || string.CompareOrdinal(key, first.Value.Key) < 0)
            {
                first = (key, message);
            }
        }
        await foreach (var row in db.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = rebuilt.KeyOf(row);
            seen.Add(key);
            if (!expected.TryGetValue(key, out var want))
            {
                Found(key, "a stored row that the ledger does not produce");
                continue;
            }
            if (properties.FirstOrDefault(p => !ValuesEqual(p.GetValue(row), p.GetValue(want))) is { } differs)
            {
                Found(key, $"column {differs.Name} differs from the value rebuilt from the ledger");
            }
        }
        if (expected.Count > seen.Count || expected.Keys.Any(k => !seen.Contains(k)))
        {
            Found(expected.Keys.Where(k => !seen.Contains(k)).Min(StringComparer.Ordinal)!, "a row that the ledger produces is missing from the table");
        }
        return first;
    }

    private static bool ValuesEqual(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (DateTime x, DateTime y) => x.Ticks == y.Ticks,
        _ => Equals(a, b) || (a is IStructuralEquatable s && s.Equals(b, StructuralComparisons.StructuralEqualityComparer)),
    };
}
