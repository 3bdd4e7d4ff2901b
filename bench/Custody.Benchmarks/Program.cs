using System.Diagnostics;
using System.Globalization;
using Custody.Benchmarks;

// The scale benchmark: one run prints import, hash-check and full-verify figures next to the raw
// database and raw SHA-256 baselines. Usage:
//   dotnet run -c Release --project bench/Custody.Benchmarks -- [--people N] [--database A --baseline-database B]
//   dotnet run -c Release --project bench/Custody.Benchmarks -- --proofs 1000000 [--database A]   (proofs, signing, witness)
//   dotnet run -c Release --project bench/Custody.Benchmarks -- --pages [N]   (the person and register pages on the demo data, N requests each)
//   dotnet run -c Release --project bench/Custody.Benchmarks -- --locator-only --database A --data-directory D
//     (the locator alone, on the register and app data a run left: run it first with --database A --baseline-database B --data-directory D)
// Without --database both databases are fresh SQLite files in a temporary folder (deleted after).
var people = 100_000;
var billingOnly = false;
var locatorOnly = false;
int? pageRounds = null;
long? proofEntries = null;
string? database = null, baseline = null, dataDirectory = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--people": people = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--database": database = args[++i]; break;
        case "--baseline-database": baseline = args[++i]; break;
        case "--billing-only": billingOnly = true; break;
        case "--locator-only": locatorOnly = true; break;
        case "--data-directory": dataDirectory = Path.GetFullPath(args[++i]); break;
        case "--pages":
            pageRounds = 500;
            if (i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var rounds))
            {
                pageRounds = rounds;
                i++;
            }
            break;
        case "--proofs": proofEntries = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; use --people N, --database A, --baseline-database B");
            return 2;
    }
}
if (proofEntries is { } proofSize)
{
    // The transparency log: --proofs N [--database CONN] (default: a fresh SQLite file, deleted after).
    var scratch = Directory.CreateTempSubdirectory("custody-bench-").FullName;
    try
    {
        Console.WriteLine(await new ProofBenchmark(proofSize, database ?? Path.Combine(scratch, "proofs.db")).RunAsync());
        return 0;
    }
    finally
    {
        Directory.Delete(scratch, recursive: true);
    }
}
if (pageRounds is { } pageRequests)
{
    var scratch = Directory.CreateTempSubdirectory("custody-bench-").FullName;
    try
    {
        var pages = new System.Text.StringBuilder();
        await new PageBenchmark(scratch, pageRequests).RunAsync(pages);
        Console.WriteLine(pages);
        return 0;
    }
    finally
    {
        Directory.Delete(scratch, recursive: true);
    }
}
if (locatorOnly)
{
    if (database is null || dataDirectory is null)
    {
        Console.Error.WriteLine("--locator-only needs --database and --data-directory: the register and app data an earlier run left (run it with --database A --baseline-database B --data-directory D)");
        return 2;
    }
    var locator = new System.Text.StringBuilder();
    await new TransferBenchmark(database, dataDirectory).LocatorAsync(locator);
    Console.WriteLine(locator);
    return 0;
}
if ((database is null) != (baseline is null))
{
    Console.Error.WriteLine("give both --database and --baseline-database (two fresh databases of the same provider), or neither");
    return 2;
}
// The app's data directory (its signing keys, the checkpoint it keeps) lives as long as the databases when one is named.
var folder = dataDirectory ?? Directory.CreateTempSubdirectory("custody-bench-").FullName;
Directory.CreateDirectory(folder);
try
{
    if (billingOnly)
    {
        var billing = new System.Text.StringBuilder();
        await new BillingBenchmark(folder).RunAsync(billing);
        Console.WriteLine(billing);
        return 0;
    }
    var run = new ScaleBenchmark(people, database ?? Path.Combine(folder, "custody.db"), baseline ?? Path.Combine(folder, "baseline.db"), folder);
    var report = await run.RunAsync();
    Console.WriteLine(report);
    return 0;
}
finally
{
    if (dataDirectory is null)
    {
        Directory.Delete(folder, recursive: true);
        Debug.Assert(!Directory.Exists(folder));
    }
}
