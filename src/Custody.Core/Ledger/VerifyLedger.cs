using System.Collections;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

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
public sealed record KnownHead(long Size, string TreeHash);

/// <summary>Progress of a verification: entries checked of the total, then tables compared.</summary>
public readonly record struct VerifyProgress(string Phase, long Done, long Total);

/// <summary>
/// Recomputes every leaf hash, every stored subtree and every tree head from the stored entry
/// bytes; checks that seq runs from 1 without a gap and that the query columns agree with the
/// hashed bytes; rebuilds every state table from the ledger alone and compares it row by row,
/// column by column, with the stored table.
/// </summary>
public sealed class VerifyLedger(CustodyDbContext db)
{
    public async Task<LedgerVerification> RunAsync(IProgress<VerifyProgress>? progress = null, KnownHead? knownHead = null, CancellationToken cancellationToken = default)
    {
        var total = await db.LedgerEntries.LongCountAsync(cancellationToken);
        var frontier = new MerkleFrontier();
        var chain = MerkleTree.ChainStart();
        var nodes = new Dictionary<(int, long), byte[]>();
        var projection = new RegisterProjection();
        long expected = 1;
        await foreach (var entry in db.LedgerEntries.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var problem = CheckEntry(entry, expected, chain, frontier, nodes, projection);
            if (problem is not null)
            {
                return Fail(expected - 1, frontier, problem.Value.Seq, null, null, problem.Value.Message);
            }
            chain = entry.ChainHash;
            if (knownHead is not null && entry.Seq == knownHead.Size && !string.Equals(Convert.ToHexStringLower(frontier.Root()), knownHead.TreeHash, StringComparison.OrdinalIgnoreCase))
            {
                return Fail(entry.Seq, frontier, entry.Seq, null, null, $"the tree hash at size {knownHead.Size} is not the one noted earlier: history was rewritten");
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
            return Fail(size, frontier, size + 1, null, null, $"the ledger has {size} entries but a head noted earlier had {knownHead.Size}: entries were removed from its end");
        }

        var nodeProblem = await CompareNodesAsync(nodes, cancellationToken);
        if (nodeProblem is not null)
        {
            return Fail(size, frontier, null, "LedgerNodes", nodeProblem.Value.Key, nodeProblem.Value.Message);
        }
        var tables = new (string Name, Func<Task<(string Key, string Message)?>> Compare)[]
        {
            ("People", () => CompareTableAsync(db.People.OrderBy(p => p.Id), projection.People.Values, p => p.Id.ToString(), cancellationToken)),
            ("ClassOrders", () => CompareTableAsync(db.ClassOrders.OrderBy(o => o.Id), projection.ClassOrders.Values, o => o.Id, cancellationToken)),
            ("Agreements", () => CompareTableAsync(db.Agreements.OrderBy(a => a.Id), projection.Agreements.Values, a => a.Id, cancellationToken)),
            ("CourtOrders", () => CompareTableAsync(db.CourtOrders.OrderBy(o => o.Id), projection.CourtOrders.Values, o => o.Id.ToString(), cancellationToken)),
            ("EnteredFacts", () => CompareTableAsync(db.EnteredFacts.OrderBy(f => f.Id), projection.EnteredFacts.Values, f => f.Id.ToString(), cancellationToken)),
            ("Facilities", () => CompareTableAsync(db.Facilities.OrderBy(f => f.Id), projection.Facilities.Values, f => f.Id, cancellationToken)),
            ("CustodyRecords", () => CompareTableAsync(db.CustodyRecords.OrderBy(r => r.Id), projection.CustodyRecords.Values, r => r.Id.ToString(), cancellationToken)),
            ("Manifests", () => CompareTableAsync(db.Manifests.OrderBy(m => m.Id), projection.Manifests.Values, m => m.Id.ToString(), cancellationToken)),
            ("ManifestPeople", () => CompareTableAsync(db.ManifestPeople.OrderBy(m => m.ManifestId).ThenBy(m => m.PersonId), projection.ManifestPeople.Values, m => $"{m.ManifestId}/{m.PersonId}", cancellationToken)),
            ("ManifestDiscrepancies", () => CompareTableAsync(db.ManifestDiscrepancies.OrderBy(d => d.Id), projection.ManifestDiscrepancies.Values, d => d.Id.ToString(), cancellationToken)),
            ("Incidents", () => CompareTableAsync(db.Incidents.OrderBy(i => i.Id), projection.Incidents.Values, i => i.Id.ToString(), cancellationToken)),
            ("Notifications", () => CompareTableAsync(db.Notifications.OrderBy(n => n.Id), projection.Notifications.Values, n => n.Id.ToString(), cancellationToken)),
            ("Cells", () => CompareTableAsync(db.Cells.OrderBy(c => c.Id), projection.Cells.Values, c => c.Id, cancellationToken)),
            ("Admissions", () => CompareTableAsync(db.Admissions.OrderBy(a => a.Id), projection.Admissions.Values, a => a.Id.ToString(), cancellationToken)),
            ("CellAssignments", () => CompareTableAsync(db.CellAssignments.OrderBy(a => a.Id), projection.CellAssignments.Values, a => a.Id.ToString(), cancellationToken)),
            ("WelfareChecks", () => CompareTableAsync(db.WelfareChecks.OrderBy(w => w.Id), projection.WelfareChecks.Values, w => w.Id.ToString(), cancellationToken)),
            ("AccessVisits", () => CompareTableAsync(db.AccessVisits.OrderBy(v => v.Id), projection.AccessVisits.Values, v => v.Id.ToString(), cancellationToken)),
            ("InformationRestrictions", () => CompareTableAsync(db.InformationRestrictions.OrderBy(r => r.Id), projection.InformationRestrictions.Values, r => r.Id.ToString(), cancellationToken)),
            ("Inspections", () => CompareTableAsync(db.Inspections.OrderBy(i => i.Id), projection.Inspections.Values, i => i.Id.ToString(), cancellationToken)),
            ("FollowUpActions", () => CompareTableAsync(db.FollowUpActions.OrderBy(a => a.Id), projection.FollowUpActions.Values, a => a.Id.ToString(), cancellationToken)),
            ("PaymentHolds", () => CompareTableAsync(db.PaymentHolds.OrderBy(h => h.Id), projection.PaymentHolds.Values, h => h.Id.ToString(), cancellationToken)),
            ("Invoices", () => CompareTableAsync(db.Invoices.OrderBy(i => i.Id), projection.Invoices.Values, i => i.Id.ToString(), cancellationToken)),
            ("Disputes", () => CompareTableAsync(db.Disputes.OrderBy(d => d.Id), projection.Disputes.Values, d => d.Id.ToString(), cancellationToken)),
            ("CreditNotes", () => CompareTableAsync(db.CreditNotes.OrderBy(c => c.Id), projection.CreditNotes.Values, c => c.Id.ToString(), cancellationToken)),
            ("Payments", () => CompareTableAsync(db.Payments.OrderBy(p => p.Id), projection.Payments.Values, p => p.Id.ToString(), cancellationToken)),
            ("LocatorKeys", () => CompareTableAsync(db.LocatorKeys.OrderBy(k => k.PersonId).ThenBy(k => k.Key), projection.People.Values.SelectMany(p => Locator.LocatorKey.For(p.Id, p.FactsObject())), k => $"{k.PersonId}/{k.Key}", cancellationToken)),
            ("AgreementVersions", () => CompareTableAsync(db.AgreementVersions.OrderBy(v => v.AgreementId).ThenBy(v => v.Number), projection.AgreementVersions.Values, v => $"{v.AgreementId}/{v.Number}", cancellationToken)),
        };
        var done = 0;
        foreach (var (name, compare) in tables)
        {
            var mismatch = await compare();
            if (mismatch is not null)
            {
                return Fail(size, frontier, null, name, mismatch.Value.Key, mismatch.Value.Message);
            }
            progress?.Report(new VerifyProgress("tables", ++done, tables.Length));
        }
        return new LedgerVerification(true, size, Convert.ToHexStringLower(frontier.Root()), null, null, null, null);
    }

    // The tree hash reported on failure is that of the entries verified so far.
    private static LedgerVerification Fail(long size, MerkleFrontier frontier, long? seq, string? table, string? key, string problem) =>
        new(false, size, Convert.ToHexStringLower(frontier.Root()), seq, table, key, problem);

    private static (long Seq, string Message)? CheckEntry(LedgerEntry entry, long expected, byte[] chain, MerkleFrontier frontier, Dictionary<(int, long), byte[]> nodes, RegisterProjection projection)
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
        LedgerContent content;
        try
        {
            content = LedgerContent.Parse(entry.Content);
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
            projection.Apply(content);
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

    /// <summary>Compares stored rows (in key order) with rebuilt ones, every mapped column.</summary>
    private async Task<(string Key, string Message)?> CompareTableAsync<T>(IQueryable<T> stored, IEnumerable<T> rebuilt, Func<T, string> keyOf, CancellationToken cancellationToken)
        where T : class
    {
        var expected = rebuilt.ToDictionary(keyOf, StringComparer.Ordinal);
        var properties = db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => p.PropertyInfo is not null).Select(p => p.PropertyInfo!).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in stored.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = keyOf(row);
            seen.Add(key);
            if (!expected.TryGetValue(key, out var want))
            {
                return (key, "a stored row that the ledger does not produce");
            }
            foreach (var property in properties)
            {
                if (!ValuesEqual(property.GetValue(row), property.GetValue(want)))
                {
                    return (key, $"column {property.Name} differs from the value rebuilt from the ledger");
                }
            }
        }
        var missing = expected.Keys.Where(k => !seen.Contains(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        return missing is null ? null : (missing, "a row that the ledger produces is missing from the table");
    }

    private static bool ValuesEqual(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (DateTime x, DateTime y) => x.Ticks == y.Ticks,
        _ => Equals(a, b) || (a is IStructuralEquatable s && s.Equals(b, StructuralComparisons.StructuralEqualityComparer)),
    };
}
