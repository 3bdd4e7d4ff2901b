using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Custody.Demo;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Benchmarks;

/// <summary>
/// Measures, in one run on one machine: (1) import of a generated case bundle through the real
/// import path, against a raw batched INSERT of exactly the rows it wrote into a fresh database of
/// the same provider; (2) the ledger hash check (leaf hashes, Merkle frontier, tree heads) against
/// raw SHA-256 of the same bytes; (3) full verification with projection rebuild.
/// </summary>
public sealed class ScaleBenchmark(int people, string database, string baselineDatabase, string folder)
{
    public async Task<string> RunAsync()
    {
        var report = new StringBuilder();
        var bundle = Path.Combine(folder, "bundle.json");
        await using (var file = File.Create(bundle))
        {
            new CaseBundleGenerator().Write(file, people, "B");
        }
        var bundleBytes = new FileInfo(bundle).Length;
        var target = CustodyDatabase.Parse(database);
        var baseline = CustodyDatabase.Parse(baselineDatabase);
        report.AppendLine(CultureInfo.InvariantCulture, $"# Custody scale benchmark — {people:N0} people, {bundleBytes / 1024.0 / 1024.0:F1} MiB bundle, {target.Describe()}");
        report.AppendLine(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformationText()}");
        report.AppendLine();

        // 0. Warm-up: the same import of a fifth of the people into a scratch SQLite file, so that
        //    the measured run compares steady-state code with the (trivial) raw INSERT loop rather
        //    than timing the JIT compiling the validator and the import path.
        var warmUp = Path.Combine(folder, "warm-up.json");
        await using (var file = File.Create(warmUp))
        {
            new CaseBundleGenerator(7).Write(file, Math.Max(1, people / 5), "W");
        }
        await using (var scratch = CustodyDatabase.Parse(Path.Combine(folder, "warm-up.db")).CreateContext())
        {
            await DatabaseSetup.MigrateAsync(scratch);
            await new ImportFile(scratch, TimeProvider.System).HandleAsync(() => File.OpenRead(warmUp), "bench:warm-up");
        }

        // 1. Import through the product, then the same rows through raw batched INSERTs.
        long rows;
        TimeSpan importTime;
        long peakMemory;
        await using (var db = target.CreateContext())
        {
            await DatabaseSetup.MigrateAsync(db);
            GC.Collect();
            var before = Process.GetCurrentProcess().PeakWorkingSet64;
            var clock = Stopwatch.StartNew();
            var result = await new ImportFile(db, TimeProvider.System).HandleAsync(() => new FileStream(bundle, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), "bench");
            importTime = clock.Elapsed;
            peakMemory = Math.Max(before, Process.GetCurrentProcess().PeakWorkingSet64);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("import failed: " + result.Failure);
            }
            rows = await db.People.LongCountAsync() + await db.CustodyRecords.LongCountAsync() + await db.LocatorKeys.LongCountAsync() + await db.ClassOrders.LongCountAsync()
                + await db.LedgerEntries.LongCountAsync() + await db.LedgerNodes.LongCountAsync();
        }
        var rawTime = await RawInsertAsync(target, baseline);
        var importRows = rows / importTime.TotalSeconds;
        var rawRows = rows / rawTime.TotalSeconds;
        report.AppendLine("| measure | Custody | raw baseline | ratio | target |");
        report.AppendLine("|---|---|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| import ({rows:N0} rows: people, custody records, locator keys, class orders, ledger entries, subtree hashes) | {people / importTime.TotalSeconds:N0} people/s, {importRows:N0} rows/s ({importTime.TotalSeconds:F1} s) | {rawRows:N0} rows/s ({rawTime.TotalSeconds:F1} s) | {importRows / rawRows:P0} | ≥ 25% |");

        // 2. Hash check against raw SHA-256 of the same bytes (all held in memory: hashing only).
        List<LedgerEntry> entries;
        await using (var db = target.CreateContext())
        {
            entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
        }
        var rawSha = Best(() =>
        {
            foreach (var entry in entries)
            {
                SHA256.HashData(entry.Content);
            }
        });
        var hashCheck = Best(() =>
        {
            // What verification does per entry: leaf hash, chain link, Merkle subtrees; one tree hash at the end.
            var frontier = new MerkleFrontier();
            var chain = MerkleTree.ChainStart();
            foreach (var entry in entries)
            {
                var leaf = MerkleTree.LeafHash(entry.Content);
                chain = MerkleTree.ChainHash(chain, leaf);
                frontier.Append(leaf);
                if (!leaf.AsSpan().SequenceEqual(entry.LeafHash) || !chain.AsSpan().SequenceEqual(entry.ChainHash))
                {
                    throw new InvalidOperationException($"entry {entry.Seq} does not verify");
                }
            }
            frontier.Root();
        });
        var count = entries.Count;
        report.AppendLine(CultureInfo.InvariantCulture, $"| ledger hash check ({count:N0} entries, {entries.Sum(e => (long)e.Content.Length) / 1024.0 / 1024.0:F1} MiB) | {count / hashCheck.TotalSeconds:N0} entries/s | {count / rawSha.TotalSeconds:N0} entries/s raw SHA-256 | {rawSha / hashCheck:P0} | ≥ 25% |");
        entries.Clear();

        // 3. Full verification: read, hash, rebuild every table and compare.
        await using (var db = target.CreateContext())
        {
            var clock = Stopwatch.StartNew();
            var verification = await new VerifyLedger(db).RunAsync();
            var elapsed = clock.Elapsed;
            if (!verification.Ok)
            {
                throw new InvalidOperationException("verification failed: " + verification.Problem);
            }
            report.AppendLine(CultureInfo.InvariantCulture, $"| full verify with projection rebuild | {verification.Entries / elapsed.TotalSeconds:N0} entries/s ({elapsed.TotalSeconds:F1} s) | — | — | < 30 s |");
        }
        report.AppendLine(CultureInfo.InvariantCulture, $"| peak memory of the process during import | {peakMemory / 1024.0 / 1024.0:N0} MB | — | — | < 500 MB |");
        await ScreeningAsync(target, report);
        await new TransferBenchmark(database, folder).RunAsync(report);
        await new BillingBenchmark(folder).RunAsync(report);
        return report.ToString();
    }

    /// <summary>
    /// Screening: the rules alone on facts already parsed (one core), then the whole
    /// <c>custody screen --format jsonl</c> command as a process writing to a file.
    /// </summary>
    private async Task ScreeningAsync(CustodyDatabase target, StringBuilder report)
    {
        var agreementJson = FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json");
        List<PersonFacts> people;
        AgreementTerms terms;
        List<ClassOrderFacts> orders;
        await using (var db = target.CreateContext())
        {
            var agreement = Encoding.UTF8.GetBytes(agreementJson);
            await new ImportFile(db, TimeProvider.System).HandleAsync(() => new MemoryStream(agreement), "bench");
            people = (await db.People.AsNoTracking().Select(p => p.Facts).ToListAsync()).Select(PersonFacts.Parse).ToList();
            orders = (await db.ClassOrders.AsNoTracking().Select(o => o.Facts).ToListAsync()).Select(ClassOrderFacts.Parse).ToList();
        }
        terms = AgreementTerms.Parse(agreementJson);
        var at = new DateTimeOffset(2025, 3, 20, 12, 0, 0, TimeSpan.Zero);
        var eligible = 0;
        var rules = Best(() =>
        {
            eligible = 0;
            foreach (var person in people)
            {
                eligible += Screener.Screen(person, orders, terms, at).IsEligible ? 1 : 0;
            }
        });
        report.AppendLine(CultureInfo.InvariantCulture, $"| screening, rules alone ({people.Count:N0} people, one core; {eligible:N0} eligible) | {people.Count / rules.TotalSeconds:N0} decisions/s | — | — | ≥ 100,000 decisions/s |");
        people.Clear();

        var output = Path.Combine(folder, "decisions.jsonl");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "custody.dll"), "screen", "--agreement", "us-sv-2025", "--at", "2025-03-20T12:00:00Z", "--format", "jsonl", "--database", database })
        {
            info.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var peak = 0L;
        await using (var file = File.Create(output))
        {
            var copy = process.StandardOutput.BaseStream.CopyToAsync(file);
            var error = process.StandardError.ReadToEndAsync();
            while (!copy.IsCompleted)
            {
                peak = Math.Max(peak, PeakResidentBytes(process.Id));
                await Task.WhenAny(copy, Task.Delay(20));
            }
            await copy;
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("custody screen failed: " + await error);
            }
        }
        var elapsed = clock.Elapsed;
        var lines = File.ReadLines(output).Count();
        report.AppendLine(CultureInfo.InvariantCulture, $"| `custody screen --format jsonl` to a file, whole command ({lines:N0} decisions) | {lines / elapsed.TotalSeconds:N0} decisions/s ({elapsed.TotalSeconds:F1} s, peak {peak / 1024.0 / 1024.0:N0} MB) | — | — | < 10 s, < 1 GB |");
    }

    // VmHWM: the process's peak resident set so far; 0 once it has exited.
    private static long PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    private static TimeSpan Best(Action action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }
        return best;
    }

    /// <summary>
    /// Copies the rows the import wrote into a fresh, migrated database with prepared INSERTs in
    /// one transaction, on the same durability settings; only the inserts are timed.
    /// </summary>
    private static async Task<TimeSpan> RawInsertAsync(CustodyDatabase source, CustodyDatabase destination)
    {
        var tables = new[] { "People", "CustodyRecords", "LocatorKeys", "ClassOrders", "LedgerEntries", "LedgerNodes" };
        var data = new Dictionary<string, (string[] Columns, List<object?[]> Rows)>();
        await using (var db = source.CreateContext())
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await select.ExecuteReaderAsync();
                var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
                var rows = new List<object?[]>();
                while (await reader.ReadAsync())
                {
                    var values = new object?[reader.FieldCount];
                    reader.GetValues(values!);
                    rows.Add(values);
                }
                data[table] = (columns, rows);
            }
        }
        await using var target = destination.CreateContext();
        await DatabaseSetup.MigrateAsync(target);
        var raw = target.Database.GetDbConnection();
        await raw.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using (var transaction = await raw.BeginTransactionAsync())
        {
            foreach (var table in tables)
            {
                var (columns, rows) = data[table];
                await using var insert = raw.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
                var parameters = columns.Select((_, i) =>
                {
                    var p = insert.CreateParameter();
                    p.ParameterName = "@p" + i;
                    insert.Parameters.Add(p);
                    return p;
                }).ToArray();
                var prepared = false;
                foreach (var row in rows)
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        parameters[i].Value = row[i] ?? DBNull.Value;
                    }
                    if (!prepared)
                    {
                        // Npgsql infers parameter types from the first values, so prepare after binding them.
                        await insert.PrepareAsync();
                        prepared = true;
                    }
                    await insert.ExecuteNonQueryAsync();
                }
            }
            await transaction.CommitAsync();
        }
        return clock.Elapsed;
    }
}
