using System.Diagnostics;
using System.Globalization;
using System.Text;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transparency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Custody.Benchmarks;

/// <summary>
/// The transparency log at scale: a ledger of N entries (audit entries, recorded through the real
/// writer), then inclusion and consistency proofs from the stored subtrees (p50, p99) against the
/// raw database baseline of one primary-key read; checkpoint signing; and a witness's
/// add-checkpoint round trip over HTTP.
/// </summary>
public sealed class ProofBenchmark(long entries, string database)
{
    private const int Samples = 2000;

    public async Task<string> RunAsync()
    {
        var report = new StringBuilder();
        var target = CustodyDatabase.Parse(database);
        report.AppendLine(CultureInfo.InvariantCulture, $"# Custody proof benchmark — {entries:N0} entries, {target.Describe()}");
        report.AppendLine(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        report.AppendLine();
        await using var db = target.CreateContext();
        await DatabaseSetup.MigrateAsync(db);
        var fill = Stopwatch.StartNew();
        await FillAsync(db);
        report.AppendLine(CultureInfo.InvariantCulture, $"ledger filled: {entries:N0} entries in {fill.Elapsed.TotalSeconds:F0} s");
        report.AppendLine();

        var proofs = new LedgerProofs(db);
        var size = await proofs.SizeAsync();
        var root = await proofs.RootAsync(size);
        var random = new Random(9162);
        // Warm-up: plans cached, JIT done.
        for (var i = 0; i < 200; i++)
        {
            await proofs.InclusionAsync((ulong)random.NextInt64(1, (long)size + 1), size);
            await proofs.ConsistencyAsync((ulong)random.NextInt64(1, (long)size), size);
        }
        var raw = await TimeAsync(async () =>
        {
            var seq = random.NextInt64(1, (long)size + 1);
            await db.LedgerEntries.AsNoTracking().Where(e => e.Seq == seq).Select(e => e.LeafHash).SingleAsync();
        });
        var proven = new List<(ulong Seq, List<byte[]> Path)>();
        var inclusion = await TimeAsync(async () =>
        {
            var seq = (ulong)random.NextInt64(1, (long)size + 1);
            proven.Add((seq, await proofs.InclusionAsync(seq, size)));
        });
        // Checked outside the timing: every proof measured is a valid one.
        foreach (var (seq, path) in proven.Take(100))
        {
            if (!MerkleProof.VerifyInclusion(seq - 1, size, (await proofs.LevelAsync(0, seq - 1, 1))[0], path, root))
            {
                throw new InvalidOperationException($"inclusion proof of {seq} failed");
            }
        }
        var consistency = await TimeAsync(async () =>
        {
            var from = (ulong)random.NextInt64(1, (long)size);
            var proof = await proofs.ConsistencyAsync(from, size);
            if (proof.Count == 0 && from != size)
            {
                throw new InvalidOperationException($"empty consistency proof from {from}");
            }
        });
        report.AppendLine("| measure | p50 | p99 | raw baseline p99 (one primary-key read) | target |");
        report.AppendLine("|---|---|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| inclusion proof at size {size:N0} ({Samples:N0} random leaves) | {inclusion.P50:F3} ms | {inclusion.P99:F3} ms | {raw.P99:F3} ms | p99 < 1 ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| consistency proof to size {size:N0} ({Samples:N0} random old sizes) | {consistency.P50:F3} ms | {consistency.P99:F3} ms | {raw.P99:F3} ms | p99 < 1 ms |");
        report.AppendLine();

        // Signing: the log key over a checkpoint body, alone and with the root rebuilt from the stored subtrees.
        var key = NoteSigner.Generate("bench.custody.example/ledger", NoteAlgorithm.Ed25519);
        var body = new Checkpoint(key.Name, size, root).ToText();
        var clock = Stopwatch.StartNew();
        var signed = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            SignedNote.Sign(body, key);
            signed++;
        }
        var signRate = signed / clock.Elapsed.TotalSeconds;
        clock.Restart();
        var heads = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            var at = (ulong)random.NextInt64(1, (long)size + 1);
            SignedNote.Sign(new Checkpoint(key.Name, at, await proofs.RootAsync(at)).ToText(), key);
            heads++;
        }
        report.AppendLine(CultureInfo.InvariantCulture, $"checkpoint signing: {signRate:N0} notes/s (Ed25519 alone); {heads / clock.Elapsed.TotalSeconds:N0} checkpoints/s with the root rebuilt from the stored subtrees");

        var witness = await WitnessRoundTripAsync(key, proofs, size);
        report.AppendLine(CultureInfo.InvariantCulture, $"witness add-checkpoint over HTTP (loopback, consistency proof of ~{Math.Log2(size):F0} hashes, verified and persisted with fsync): p50 {witness.P50:F2} ms, p99 {witness.P99:F2} ms ({witness.Count} checkpoints)");
        return report.ToString();
    }

    private async Task FillAsync(CustodyDbContext db)
    {
        var existing = await db.LedgerEntries.LongCountAsync();
        const int batch = 20_000;
        for (var done = existing; done < entries; done += batch)
        {
            var count = (int)Math.Min(batch, entries - done);
            await UnitOfWork.RunAsync(db, TimeProvider.System, work =>
            {
                work.RecordMany(Enumerable.Range(0, count).Select(i => new PersonViewed(Guid.CreateVersion7(), "bench")).ToList(), "bench", work.Store);
                return Task.FromResult(Result<bool>.Ok(true));
            });
            db.ChangeTracker.Clear();
        }
    }

    private sealed record Latency(double P50, double P99, int Count);

    private static async Task<Latency> TimeAsync(Func<Task> action)
    {
        var times = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return new Latency(times[Samples / 2], times[(int)(Samples * 0.99)], Samples);
    }

    // An in-process witness on a loopback port (the same Witness class `custody witness serve` runs), fed
    // checkpoints of growing sizes with their consistency proofs.
    private static async Task<Latency> WitnessRoundTripAsync(NoteSigner log, LedgerProofs proofs, ulong size)
    {
        var store = Directory.CreateTempSubdirectory("custody-bench-witness-").FullName;
        var witness = new Witness(NoteSigner.Generate("bench.witness", NoteAlgorithm.CosignatureV1), [log.Verifier], new WitnessStore(store), TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPost("/add-checkpoint", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var answer = witness.AddCheckpoint(await reader.ReadToEndAsync());
            return Results.Text(answer.Body(), answer.MediaType, statusCode: answer.Status);
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        const int count = 300;
        var times = new List<double>();
        ulong previous = 0;
        for (var i = 1; i <= count; i++)
        {
            var at = Math.Max(1, size * (ulong)i / count);
            var note = SignedNote.Sign(new Checkpoint(log.Name, at, await proofs.RootAsync(at)).ToText(), log);
            var proof = previous == 0 ? [] : await proofs.ConsistencyAsync(previous, at);
            var body = new AddCheckpointRequest(previous, proof, note).ToString();
            var start = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(new Uri("add-checkpoint", UriKind.Relative), new StringContent(body, Encoding.UTF8, "text/plain"));
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"the witness refused size {at}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            previous = at;
        }
        await app.StopAsync();
        Directory.Delete(store, recursive: true);
        times.Sort();
        return new Latency(times[count / 2], times[(int)(count * 0.99)], count);
    }
}
