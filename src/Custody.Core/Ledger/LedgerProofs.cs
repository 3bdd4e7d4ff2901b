using System.Globalization;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custody.Ledger;

/// <summary>
/// Tree heads, inclusion proofs and consistency proofs of the stored ledger, read from the stored
/// subtree hashes: the positions a proof needs are worked out first, then read in two queries
/// (leaf hashes, interior nodes), so a proof costs two round trips whatever the ledger's size.
/// </summary>
public sealed class LedgerProofs(CustodyDbContext db) : IUseCase
{
    public async Task<ulong> SizeAsync(CancellationToken cancellationToken = default) =>
        (ulong)(await db.LedgerEntries.MaxAsync(e => (long?)e.Seq, cancellationToken) ?? 0);

    /// <summary>The RFC 9162 tree hash of the first <paramref name="size"/> entries.</summary>
    public Task<byte[]> RootAsync(ulong size, CancellationToken cancellationToken = default) =>
        ComputeAsync(source => MerkleProof.RangeHash(0, size, source), cancellationToken);

    /// <summary>The audit path of entry <paramref name="seq"/> (1-based) in the tree of <paramref name="size"/> entries.</summary>
    public Task<List<byte[]>> InclusionAsync(ulong seq, ulong size, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(seq);
        return ComputeAsync(source => MerkleProof.Inclusion(seq - 1, size, source), cancellationToken);
    }

    public Task<List<byte[]>> ConsistencyAsync(ulong oldSize, ulong newSize, CancellationToken cancellationToken = default) =>
        ComputeAsync(source => MerkleProof.Consistency(oldSize, newSize, source), cancellationToken);

    /// <summary>
    /// The hashes at one level of the tree, <paramref name="count"/> of them from position
    /// <paramref name="start"/>: what a C2SP hash tile holds.
    /// </summary>
    public async Task<List<byte[]>> LevelAsync(int level, ulong start, int count, CancellationToken cancellationToken = default)
    {
        var first = (long)start;
        var end = first + count;
        var hashes = level == 0
            ? await db.LedgerEntries.AsNoTracking().Where(e => e.Seq > first && e.Seq <= end).OrderBy(e => e.Seq).Select(e => e.LeafHash).ToListAsync(cancellationToken)
            : await db.LedgerNodes.AsNoTracking().Where(n => n.Level == level && n.Index >= first && n.Index < end).OrderBy(n => n.Index).Select(n => n.Hash).ToListAsync(cancellationToken);
        return hashes.Count == count ? hashes : throw new InvalidOperationException($"The ledger holds {hashes.Count} of the {count} hashes asked for at level {level}.");
    }

    private async Task<T> ComputeAsync<T>(Func<MerkleProof.SubtreeSource, T> compute, CancellationToken cancellationToken)
    {
        // First pass: note the subtrees asked for (the answers are placeholders); then read them all at once.
        var wanted = new HashSet<(int Level, ulong Index)>();
        var placeholder = new byte[MerkleTree.HashSize];
        compute((level, index) =>
        {
            wanted.Add((level, index));
            return placeholder;
        });
        var hashes = await ReadAsync(wanted, cancellationToken);
        return compute((level, index) => hashes.TryGetValue((level, index), out var hash)
            ? hash
            : throw new InvalidOperationException($"The ledger has no subtree hash at level {level}, index {index}: the size asked for is beyond the ledger, or the ledger is damaged."));
    }

    // One statement for every hash a proof needs: leaf hashes from the entries, interior ones from the
    // nodes. Plain SQL: EF's translation of a list of pairs cost more than the reads themselves.
    private async Task<Dictionary<(int, ulong), byte[]>> ReadAsync(HashSet<(int Level, ulong Index)> wanted, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<(int, ulong), byte[]>();
        if (wanted.Count == 0)
        {
            return hashes;
        }
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Database.IsNpgsql())
            {
                // One fixed, prepared statement with the positions as arrays: PostgreSQL plans it once per connection.
                command.CommandText = PostgresRead;
                Parameter(command, "seqs", wanted.Where(w => w.Level == 0).Select(w => (long)w.Index + 1).ToArray());
                Parameter(command, "levels", wanted.Where(w => w.Level > 0).Select(w => w.Level).ToArray());
                Parameter(command, "indexes", wanted.Where(w => w.Level > 0).Select(w => (long)w.Index).ToArray());
                await command.PrepareAsync(cancellationToken);
            }
            else
            {
                command.CommandText = SqliteRead(wanted);
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hashes[(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToUInt64(reader.GetValue(1), CultureInfo.InvariantCulture))] = (byte[])reader.GetValue(2);
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        return hashes;
    }

    // SQLite plans a statement in microseconds: the positions are written in (integers this class computed).
    private static string SqliteRead(HashSet<(int Level, ulong Index)> wanted)
    {
        var leaves = string.Join(",", wanted.Where(w => w.Level == 0).Select(w => (w.Index + 1).ToString(CultureInfo.InvariantCulture)));
        var nodes = string.Join(" OR ", wanted.Where(w => w.Level > 0).Select(w => string.Create(CultureInfo.InvariantCulture, $"(\"Level\" = {w.Level} AND \"Index\" = {w.Index})")));
        var parts = new List<string>();
        if (leaves.Length > 0)
        {
            parts.Add($"SELECT 0, \"Seq\" - 1, \"LeafHash\" FROM \"LedgerEntries\" WHERE \"Seq\" IN ({leaves})");
        }
        if (nodes.Length > 0)
        {
            parts.Add($"SELECT \"Level\", \"Index\", \"Hash\" FROM \"LedgerNodes\" WHERE {nodes}");
        }
        return string.Join(" UNION ALL ", parts);
    }

    private const string PostgresRead =
        "SELECT 0, \"Seq\" - 1, \"LeafHash\" FROM \"LedgerEntries\" WHERE \"Seq\" = ANY(@seqs) UNION ALL "
        + "SELECT n.\"Level\", n.\"Index\", n.\"Hash\" FROM \"LedgerNodes\" n JOIN unnest(@levels, @indexes) AS w(l, i) ON n.\"Level\" = w.l AND n.\"Index\" = w.i";

    private static void Parameter(System.Data.Common.DbCommand command, string name, Array value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
