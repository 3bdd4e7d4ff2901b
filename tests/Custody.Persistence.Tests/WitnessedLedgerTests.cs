using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Custody.Ledger;
using Custody.Transparency;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence.Tests;

/// <summary>
/// The log and a witness as two processes: this test process signs and submits checkpoints (the
/// same publisher the web app runs), <c>custody witness serve</c> cosigns them. Whoever then
/// rewrites or cuts the database is caught by <c>custody ledger verify --checkpoint</c>, and the
/// witness will not cosign the rewritten history.
/// </summary>
public sealed class WitnessedLedgerTests
{
    private const string Origin = "test.custody.example/ledger";
    private static readonly TimeProvider Time = TimeProvider.System;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task LastFiftyEntriesAndTheirRowsDeleted_LedgerVerifiesAlone_ButNotAgainstTheCosignedCheckpoint(string provider)
    {
        var (database, log) = await LedgerWithEntriesAsync(provider, 60);
        await using var witness = await WitnessProcess.StartAsync(log.Verifier);
        var checkpoint = await PublishAsync(database, log, witness);
        var size = await SizeAsync(database);

        await using (var db = database.NewContext())
        {
            await db.LedgerEntries.Where(e => e.Seq > size - 50).ExecuteDeleteAsync();
            var nodes = await db.LedgerNodes.ToListAsync();
            db.LedgerNodes.RemoveRange(nodes.Where(n => (n.Index + 1) << n.Level > size - 50));
            await db.SaveChangesAsync();
        }

        var alone = await CliTests.CustodyAsync("ledger", "verify", "--database", database.Connection);
        var against = await CliTests.CustodyAsync("ledger", "verify", "--database", database.Connection, "--checkpoint", checkpoint,
            "--key", log.Verifier.ToString(), "--witness", witness.Key.ToString());
        Assert.True(alone.ExitCode == 0, "cut at its end, the ledger is still consistent in itself: " + alone.Error);
        Assert.Equal(1, against.ExitCode);
        Assert.Contains($"the ledger has {size - 50} entries but the signed checkpoint has {size}: entries were removed from its end", against.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OneEntryRewrittenAndEveryHashRecomputed_IsCaught_AndTheWitnessRefusesTheFork(string provider)
    {
        var (database, log) = await LedgerWithEntriesAsync(provider, 20);
        await using var witness = await WitnessProcess.StartAsync(log.Verifier);
        var checkpoint = await PublishAsync(database, log, witness);
        var size = await SizeAsync(database);

        var rewritten = await RewriteAndRehashAsync(database, size - 5);
        var alone = await CliTests.CustodyAsync("ledger", "verify", "--database", database.Connection);
        var against = await CliTests.CustodyAsync("ledger", "verify", "--database", database.Connection, "--checkpoint", checkpoint,
            "--key", log.Verifier.ToString(), "--witness", witness.Key.ToString());

        Assert.True(alone.ExitCode == 0, "rewritten with every hash recomputed, the ledger is consistent in itself: " + alone.Error);
        Assert.Equal(1, against.ExitCode);
        Assert.Contains($"ledger verification FAILED at entry seq {size}: the tree hash at size {size} is not the one the signed checkpoint commits to: history was rewritten", against.Error, StringComparison.Ordinal);

        // Whoever holds the log key signs the rewritten history and grows it: the witness cosigns none of it.
        await AppendAuditEntriesAsync(database, 3);
        string forkNote;
        await using (var db = database.NewContext())
        {
            var proofs = new LedgerProofs(db);
            var newSize = await proofs.SizeAsync();
            forkNote = SignedNote.Sign(new Checkpoint(Origin, newSize, await proofs.RootAsync(newSize)).ToText(), log).ToString();
            var fromCosigned = await proofs.ConsistencyAsync((ulong)size, newSize);
            var fromEarlier = await proofs.ConsistencyAsync((ulong)size - 1, newSize);

            var inconsistent = await witness.AddCheckpointAsync(new AddCheckpointRequest((ulong)size, fromCosigned, SignedNote.Parse(forkNote)).ToString());
            var stale = await witness.AddCheckpointAsync(new AddCheckpointRequest((ulong)size - 1, fromEarlier, SignedNote.Parse(forkNote)).ToString());

            Assert.Equal(HttpStatusCode.UnprocessableEntity, inconsistent.Status);
            Assert.Contains($"not consistent with the one of size {size}", inconsistent.Body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Conflict, stale.Status);
            Assert.Equal($"{size}\n", stale.Body);
            Assert.Equal(AddCheckpointRequest.SizeMediaType, stale.MediaType);
        }
        Assert.True(rewritten);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task GrowingLedger_EachCheckpointIsCosignedAgainstTheLast_AndVerifiesOffline(string provider)
    {
        var (database, log) = await LedgerWithEntriesAsync(provider, 5);
        await using var witness = await WitnessProcess.StartAsync(log.Verifier);
        var first = await PublishAsync(database, log, witness);
        await AppendAuditEntriesAsync(database, 7);
        var second = await PublishAsync(database, log, witness);

        var ledger = await CliTests.CustodyAsync("ledger", "verify", "--database", database.Connection, "--checkpoint", second,
            "--key", log.Verifier.ToString(), "--witness", witness.Key.ToString());
        var offline = await CliTests.CustodyAsync("verify", "checkpoint", second, "--key", log.Verifier.ToString(), "--witness", witness.Key.ToString());
        var unwitnessed = Path.Combine(Path.GetDirectoryName(second)!, "unwitnessed");
        await File.WriteAllTextAsync(unwitnessed, SignedNote.Sign(SignedNote.Parse(await File.ReadAllTextAsync(second)).Text, log).ToString());
        var notFinal = await CliTests.CustodyAsync("verify", "checkpoint", unwitnessed, "--key", log.Verifier.ToString(), "--witness", witness.Key.ToString());

        Assert.True(ledger.ExitCode == 0, ledger.Error);
        Assert.True(offline.ExitCode == 0, offline.Error);
        Assert.Contains("cosigned by witness.test", offline.Out, StringComparison.Ordinal);
        Assert.Equal(1, notFinal.ExitCode);
        Assert.Contains("cosigned by 0 of the 1 witnesses, and 1 are needed", notFinal.Error, StringComparison.Ordinal);
        var history = System.Text.Json.Nodes.JsonNode.Parse(await witness.CosignedAsync())!.AsArray();
        Assert.Equal([5 + 11, 5 + 11 + 7], history.Select(c => c!["size"]!.GetValue<long>()));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EvidenceBundle_VerifiesOfflineWithTheCli_AndOneChangedByteFailsIt(string provider)
    {
        var (database, log) = await LedgerWithEntriesAsync(provider, 3);
        await using var witness = await WitnessProcess.StartAsync(log.Verifier);
        var note = await File.ReadAllTextAsync(await PublishAsync(database, log, witness));
        string json;
        await using (var db = database.NewContext())
        {
            var person = await db.People.Where(p => p.ExternalId == "S-0001").Select(p => p.Id).SingleAsync();
            var checkpoint = await db.LedgerCheckpoints.AsNoTracking().SingleAsync(c => c.Note == note);
            json = (await EvidenceBundle.BuildAsync(db, person, checkpoint)).ToJson();
        }
        var directory = Directory.CreateTempSubdirectory("custody-bundle-").FullName;
        var good = Path.Combine(directory, "bundle.json");
        await File.WriteAllTextAsync(good, json);
        var at = json.IndexOf("\"content\":\"", StringComparison.Ordinal) + 20;
        var bad = Path.Combine(directory, "tampered.json");
        await File.WriteAllTextAsync(bad, json[..at] + (json[at] == 'A' ? 'B' : 'A') + json[(at + 1)..]);

        var ok = await CliTests.CustodyAsync("verify", "bundle", good, "--key", log.Verifier.ToString(), "--witness", witness.Key.ToString());
        var tampered = await CliTests.CustodyAsync("verify", "bundle", bad, "--key", log.Verifier.ToString(), "--witness", witness.Key.ToString());
        var wrongKey = await CliTests.CustodyAsync("verify", "bundle", good, "--key", NoteSigner.Generate(Origin, NoteAlgorithm.Ed25519).Verifier.ToString());

        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Contains("bundle ok:", ok.Out, StringComparison.Ordinal);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("verification FAILED: entry ", tampered.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("not signed by the log key", wrongKey.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BackupTakenWhileWriting_RestoresIntoAFreshDatabase_AndVerifiesAgainstTheLastFinalCheckpoint(string provider)
    {
        var (database, log) = await LedgerWithEntriesAsync(provider, 10);
        await using var witness = await WitnessProcess.StartAsync(log.Verifier);
        var checkpoint = await PublishAsync(database, log, witness);
        var file = Path.Combine(Directory.CreateTempSubdirectory("custody-backup-").FullName, "custody.backup");

        // Writers keep committing, one entry a transaction, while the backup runs.
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            var written = 0;
            while (!stop.IsCancellationRequested || written < 20)
            {
                await AppendAuditEntriesAsync(database, 1);
                written++;
            }
            return written;
        });
        await Task.Delay(200);
        var backup = await CliTests.CustodyAsync("db", "backup", "--database", database.Connection, "--to", file);
        await stop.CancelAsync();
        var written = await writes;
        var restored = await TestDatabases.CreateEmptyAsync(provider);
        var restore = await CliTests.CustodyAsync("db", "restore", "--from", file, "--database", restored.Connection);
        var again = await CliTests.CustodyAsync("db", "restore", "--from", file, "--database", restored.Connection);
        var verify = await CliTests.CustodyAsync("ledger", "verify", "--database", restored.Connection, "--checkpoint", checkpoint,
            "--key", log.Verifier.ToString(), "--witness", witness.Key.ToString());

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("ledger ok", restore.Out, StringComparison.Ordinal);
        // The copy holds a prefix of what was written during it: at least the checkpointed entries, at most all of them.
        var inBackup = long.Parse(System.Text.RegularExpressions.Regex.Match(backup.Out, @"ledger of (\d+) entries").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(inBackup, await SizeAtCheckpointAsync(checkpoint), await SizeAsync(database));
        Assert.Equal(inBackup, await SizeAsync(restored));
        Assert.True(written >= 20);
        // A restore never lands on a database already there, unless told to replace it.
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--replace", again.Error, StringComparison.Ordinal);
        if (provider == TestDatabases.Sqlite && !OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    private static async Task<long> SizeAtCheckpointAsync(string checkpointFile) =>
        (long)Checkpoint.Parse(SignedNote.Parse(await File.ReadAllTextAsync(checkpointFile)).Text).Size;

    private static async Task<(TestDatabase Database, NoteSigner Log)> LedgerWithEntriesAsync(string provider, int auditEntries)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await Samples.ImportOkAsync(db, Samples.Agreement);
            await Samples.ImportOkAsync(db, Samples.Bundle);
        }
        await AppendAuditEntriesAsync(database, auditEntries);
        return (database, NoteSigner.Generate(Origin, NoteAlgorithm.Ed25519));
    }

    private static async Task AppendAuditEntriesAsync(TestDatabase database, int count)
    {
        await using var db = database.NewContext();
        await UnitOfWork.RunAsync(db, Time, work =>
        {
            for (var i = 0; i < count; i++)
            {
                work.Record(new PersonViewed(Guid.NewGuid(), "profile"), "auditor@test");
            }
            return Task.FromResult(Custody.Common.Result<bool>.Ok(true));
        });
    }

    private static async Task<long> SizeAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return (long)await new LedgerProofs(db).SizeAsync();
    }

    /// <summary>Signs the head, has the witness cosign it, and returns the path of the final checkpoint written beside the database.</summary>
    private static async Task<string> PublishAsync(TestDatabase database, NoteSigner log, WitnessProcess witness)
    {
        var policy = new WitnessPolicy([witness.Key], 1);
        var file = new FinalCheckpointFile(Path.Combine(Directory.CreateTempSubdirectory("custody-checkpoint-").FullName, "checkpoint"));
        await using var db = database.NewContext();
        using var http = new HttpClient();
        var publisher = new CheckpointPublisher(db, new CheckpointLog(db, new LogIdentity(Origin, log), policy, Time), policy, [witness.Endpoint], http, file);
        var (checkpoint, outcomes) = await publisher.PublishAsync(true, 1, TimeSpan.Zero, DateTime.UtcNow);
        Assert.True(checkpoint.FinalAt is not null, string.Join("; ", outcomes.Select(o => $"{o.Witness}: {o.Status} {o.Problem}")));
        return file.Path;
    }

    // Changes one audit entry's actor (same length), then recomputes its leaf hash, every later
    // chain hash and every subtree hash: what an operator with write access to the database can do.
    private static async Task<bool> RewriteAndRehashAsync(TestDatabase database, long seq)
    {
        await using var db = database.NewContext();
        var entries = await db.LedgerEntries.OrderBy(e => e.Seq).ToListAsync();
        var target = entries.Single(e => e.Seq == seq);
        var content = Encoding.UTF8.GetString(target.Content);
        Assert.Contains("auditor@test", content, StringComparison.Ordinal);
        target.Content = Encoding.UTF8.GetBytes(content.Replace("auditor@test", "auditor@fake", StringComparison.Ordinal));
        target.Actor = "auditor@fake";
        var chain = MerkleTree.ChainStart();
        var frontier = new MerkleFrontier();
        var nodes = await db.LedgerNodes.ToDictionaryAsync(n => (n.Level, n.Index));
        foreach (var entry in entries)
        {
            entry.LeafHash = MerkleTree.LeafHash(entry.Content);
            chain = MerkleTree.ChainHash(chain, entry.LeafHash);
            entry.ChainHash = chain;
            foreach (var subtree in frontier.Append(entry.LeafHash))
            {
                nodes[(subtree.Level, subtree.Index)].Hash = subtree.Hash;
            }
        }
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary><c>custody witness serve</c> on a free local port, with a store of its own.</summary>
    private sealed class WitnessProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http = new();

        private WitnessProcess(Process process, Uri url, NoteVerifier key)
        {
            _process = process;
            Url = url;
            Key = key;
        }

        public Uri Url { get; }

        public NoteVerifier Key { get; }

        public WitnessEndpoint Endpoint => new(Url, Key);

        public static async Task<WitnessProcess> StartAsync(NoteVerifier log)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "custody.dll"), "witness", "serve", "--store", Directory.CreateTempSubdirectory("custody-witness-").FullName,
                "--name", "witness.test", "--listen", $"http://127.0.0.1:{port}", "--log", log.ToString(),
            })
            {
                info.ArgumentList.Add(arg);
            }
            var process = Process.Start(info)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            NoteVerifier? key = null;
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("witness key: ", StringComparison.Ordinal))
                {
                    key = NoteVerifier.Parse(line["witness key: ".Length..]);
                }
                if (line.StartsWith("listening on: ", StringComparison.Ordinal))
                {
                    return new WitnessProcess(process, new Uri($"http://127.0.0.1:{port}/"), key!);
                }
            }
            throw new InvalidOperationException("The witness exited before it listened: " + await process.StandardError.ReadToEndAsync());
        }

        public async Task<(HttpStatusCode Status, string Body, string? MediaType)> AddCheckpointAsync(string body)
        {
            using var response = await _http.PostAsync(new Uri(Url, "add-checkpoint"), new StringContent(body, Encoding.UTF8, "text/plain"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }

        public Task<string> CosignedAsync() => _http.GetStringAsync(new Uri(Url, "cosigned"));

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
