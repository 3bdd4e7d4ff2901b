using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Access;
using Custody.Facilities;
using Custody.Imports;
using Custody.Locator;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Custody.Benchmarks;

/// <summary>
/// Transfers at scale, on the register the scale benchmark built: (1) locking a manifest of 300
/// people (everyone screened, snapshots ledgered); (2) the public locator endpoint of the real web
/// app (a separate process, rate limit raised) under 32 concurrent connections for 10 s, next to
/// a bare endpoint doing the same indexed lookup with raw ADO.NET, in the same run.
/// </summary>
public sealed class TransferBenchmark(string database, string folder)
{
    private const int ManifestSize = 300;
    private const int Connections = 32;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public async Task RunAsync(StringBuilder report)
    {
        var target = CustodyDatabase.Parse(database);
        var lockTime = await LockAndHandOverAsync(target, report);
        report.AppendLine(CultureInfo.InvariantCulture, $"| lock a manifest of {ManifestSize} (screen all, ledger each decision) | {lockTime.TotalMilliseconds:N0} ms | — | — | < 1 s |");

        await LocatorAsync(target, report);
    }

    /// <summary>The public locator alone, on a register already built (<c>--locator-only --database …</c>): the load against the bare endpoint, then the answer times.</summary>
    public async Task LocatorAsync(StringBuilder report)
    {
        await LocatorAsync(CustodyDatabase.Parse(database), report);
    }

    private async Task LocatorAsync(CustodyDatabase target, StringBuilder report)
    {
        var queries = await QueriesAsync(target);
        var bare = await BareLoadAsync(target, queries);
        var (app, timing) = await AppLoadAsync(queries, await HiddenQueriesAsync(target));
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| public locator `GET /api/locator`, {Connections} connections, {Duration.TotalSeconds:N0} s | {app.Rate:N0} req/s, p99 {app.P99:F1} ms | {bare.Rate:N0} req/s, p99 {bare.P99:F1} ms (bare endpoint, same lookup) | {app.Rate / bare.Rate:P0} | ≥ 50%, p99 < 10 ms |");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| locator answer time, one connection, {TimingRounds:N0} of each interleaved: a child in the register (answered as no one) / no one | median {timing.Hidden.Median:F3} / {timing.Nobody.Median:F3} ms, " +
            $"p90 {timing.Hidden.P90:F3} / {timing.Nobody.P90:F3} ms | spread (p25–p75) {timing.Hidden.Spread:F3} / {timing.Nobody.Spread:F3} ms | — | medians differ by less than the spread |");
    }

    /// <summary>Imports 300 eligible people, puts them on a manifest, times the lock, then boards, departs, arrives and hands everyone over.</summary>
    private static async Task<TimeSpan> LockAndHandOverAsync(CustodyDatabase target, StringBuilder report)
    {
        await using var db = target.CreateContext();
        var time = TimeProvider.System;
        var facilities = new RegisterFacility(db, time);
        foreach (var facility in new RegisterFacilityRequest[]
        {
            new("bench-origin", "Bench processing centre", "US", "processing-centre", "1 Bench Road", "+1 555 0101", "America/Chicago"),
            new("bench-prison", "Bench prison", "SV", "prison", "2 Bench Road", "+503 2000 0000", "America/El_Salvador"),
        })
        {
            Require(await facilities.HandleAsync(facility, "bench"));
        }
        var bytes = Encoding.UTF8.GetBytes(Demo.EligiblePerson.Bundle(Enumerable.Range(0, ManifestSize).Select(i => Demo.EligiblePerson.Create($"M-{i:D4}", "Bench", $"M-{i:D4}", withContacts: false))));
        Require(await new ImportFile(db, time).HandleAsync(() => new MemoryStream(bytes), "bench"));
        var ids = await db.People.AsNoTracking().Where(p => p.ExternalId.StartsWith("M-")).OrderBy(p => p.ExternalId).Select(p => new { p.Id, p.ExternalId }).ToListAsync();
        var supervisor = new Viewer("bench:supervisor");
        var manifest = Require(await new CreateManifest(db, time).HandleAsync(new CreateManifestRequest("us-sv-2025", "Bench Air", "BA300", "bench-origin", "bench-prison",
            TimeProvider.System.GetUtcNow().AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), supervisor)).Id;
        foreach (var person in ids)
        {
            Require(await new AddToManifest(db, time).HandleAsync(new ManifestId(manifest), new AddToManifestRequest(new PersonId(person.Id), ManifestRoles.Principal), supervisor));
            db.ChangeTracker.Clear();
        }
        var clock = Stopwatch.StartNew();
        Require(await new LockManifest(db, time).HandleAsync(new ManifestId(manifest), supervisor));
        var locked = clock.Elapsed;
        db.ChangeTracker.Clear();
        var escort = new Viewer("bench:escort");
        foreach (var person in ids)
        {
            Require(await new RecordBoarding(db, time).HandleAsync(new ManifestId(manifest), new PersonId(person.Id), new BoardingRequest("boarded", "A" + person.ExternalId, null, null), escort));
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.Clear();
        clock.Restart();
        Require(await new DepartManifest(db, time).HandleAsync(new ManifestId(manifest), new DepartRequest(null), supervisor));
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| departure gate, {ManifestSize} aboard (each screened at the departure instant; transfer notices queued) | {clock.Elapsed.TotalMilliseconds:N0} ms | — | — | < 1 s |");
        Require(await new ArriveManifest(db, time).HandleAsync(new ManifestId(manifest), new ArriveRequest(null), escort));
        clock.Restart();
        foreach (var person in ids)
        {
            db.ChangeTracker.Clear();
            Require(await new DispatchPerson(db, time).HandleAsync(new ManifestId(manifest), new PersonId(person.Id), escort));
            db.ChangeTracker.Clear();
            Require(await new ReceivePerson(db, time).HandleAsync(new ManifestId(manifest), new PersonId(person.Id), new Viewer("bench:reception")));
        }
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| two-party hand-over, {ManifestSize} people one by one (2 acknowledgements each, each screened) | {ManifestSize / clock.Elapsed.TotalSeconds:N0} people/s ({clock.Elapsed.TotalSeconds:F1} s) | — | — | — |");
        return locked;
    }

    /// <summary>Name queries whose every match is a child: the locator must answer them as it answers a name nobody has.</summary>
    private static async Task<string[]> HiddenQueriesAsync(CustodyDatabase target)
    {
        await using var db = target.CreateContext();
        var adultBornBy = Today().AddYears(-18);
        var people = await db.People.AsNoTracking().Select(p => new { p.GivenName, p.FamilyName, p.CountryOfBirth, p.DateOfBirth }).ToListAsync();
        return people.GroupBy(p => LocatorKey.ByName(p.GivenName, p.FamilyName, p.CountryOfBirth))
            .Where(g => g.All(p => p.DateOfBirth > adultBornBy)).Select(g => g.First()).Take(500)
            .Select(p => $"givenName={Uri.EscapeDataString(p.GivenName)}&familyName={Uri.EscapeDataString(p.FamilyName)}&countryOfBirth={p.CountryOfBirth}").ToArray();
    }

    /// <summary>Locator queries for adults in the register: by name for most, by identifier for some, and a few that match nobody.</summary>
    private static async Task<string[]> QueriesAsync(CustodyDatabase target)
    {
        await using var db = target.CreateContext();
        var adultBornBy = DateOnly.FromDateTime(DateTime.UnixEpoch).AddYears(30);
        var people = await db.People.AsNoTracking().Where(p => p.DateOfBirth < adultBornBy).OrderBy(p => p.Id).Take(2000)
            .Select(p => new { p.GivenName, p.FamilyName, p.CountryOfBirth, p.ExternalId }).ToListAsync();
        return people.Select((p, i) => i % 10 == 9
                ? $"givenName=Nobody&familyName=Here{i}&countryOfBirth={p.CountryOfBirth}"
                : $"givenName={Uri.EscapeDataString(p.GivenName)}&familyName={Uri.EscapeDataString(p.FamilyName)}&countryOfBirth={p.CountryOfBirth}")
            .ToArray();
    }

    /// <summary>The bare endpoint: the same indexed lookup as the locator (key, person, current custody record, facility) with raw ADO.NET.</summary>
    private static async Task<Load> BareLoadAsync(CustodyDatabase target, string[] queries)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = AppProcess.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        var sql = """
            SELECT p."GivenName", p."FamilyName", p."CountryOfBirth", r."PlaceKind", r."Event", r."Custodian", r."OnBehalfOf", r."OccurredAt", f."Name", f."Address", f."Telephone", f."State",
                   EXISTS (SELECT 1 FROM "InformationRestrictions" x WHERE x."PersonId" = p."Id" AND x."LiftedAt" IS NULL)
            FROM "LocatorKeys" k JOIN "People" p ON p."Id" = k."PersonId" JOIN "CustodyRecords" r ON r."PersonId" = p."Id"
            LEFT JOIN "Facilities" f ON f."Id" = r."FacilityId"
            WHERE k."Key" = @key AND r."IsCurrent" AND p."DateOfBirth" <= @born LIMIT 20
            """;
        app.MapGet("/bare", async (string givenName, string familyName, string countryOfBirth) =>
        {
            // A pooled provider connection, no EF Core: the lookup and nothing else.
            await using DbConnection connection = target.Provider == DatabaseProvider.Postgres
                ? new Npgsql.NpgsqlConnection(target.ConnectionString)
                : new Microsoft.Data.Sqlite.SqliteConnection(target.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "@key", LocatorKey.ByName(givenName, familyName, countryOfBirth));
            Add(command, "@born", target.Provider == DatabaseProvider.Postgres ? Today().AddYears(-18) : Today().AddYears(-18).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var rows = new List<object[]>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(values);
            }
            return Results.Ok(rows.Select(r => new { givenName = r[0], familyName = r[1], countryOfBirth = r[2], placeKind = r[3], status = r[4], custodian = r[5], onBehalfOf = r[6], since = r[7], facilityName = r[8], facilityAddress = r[9], facilityTelephone = r[10], facilityState = r[11], restricted = r[12] }));
        });
        await app.StartAsync();
        var load = await DriveAsync($"http://127.0.0.1:{port}/bare?", queries);
        await app.StopAsync();
        return load;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The real web app as its own process, as deployed: every middleware, the rate limiter (limit raised), the query through EF Core;
    /// then the answer time of queries that match only a child (never shown) against queries that match nobody.</summary>
    private async Task<(Load Load, Timing Timing)> AppLoadAsync(string[] queries, string[] hidden)
    {
        await using var app = await AppProcess.StartAsync(folder, database,
            "--Custody:LocatorRequestsPerMinute", "100000000", "--Custody:ReadsPerUserPerMinute", "100000000", "--Custody:SeedDemoData", "false");
        var locator = new Uri(app.Root, "/api/locator?").ToString();
        var load = await DriveAsync(locator, queries);
        return (load, await TimeAnswersAsync(locator, hidden, queries.Where((_, i) => i % 10 == 9).ToArray()));
    }

    private sealed record Load(double Rate, double P99);

    private sealed record Latencies(double Median, double P90, double Spread)
    {
        public static Latencies Of(List<double> ms)
        {
            ms.Sort();
            double At(double q) => ms[(int)(ms.Count * q)];
            return new(At(0.5), At(0.9), At(0.75) - At(0.25));
        }
    }

    private sealed record Timing(Latencies Hidden, Latencies Nobody);

    private const int TimingRounds = 2000;

    /// <summary>
    /// No enumeration by timing: on one connection, one request at a time, a query that matches only
    /// a child (whom the locator never shows) and a query that matches nobody alternate (so drift on
    /// the machine hits both alike). Both answers are the same empty list.
    /// </summary>
    private static async Task<Timing> TimeAnswersAsync(string prefix, string[] hidden, string[] nobody)
    {
        using var client = new HttpClient();
        var times = (Hidden: new List<double>(TimingRounds), Nobody: new List<double>(TimingRounds));
        for (var round = -200; round < TimingRounds; round++)
        {
            foreach (var (query, into) in new[] { (hidden[Math.Abs(round) % hidden.Length], times.Hidden), (nobody[Math.Abs(round) % nobody.Length], times.Nobody) })
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(prefix + query, HttpCompletionOption.ResponseContentRead);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK || await response.Content.ReadAsStringAsync() != "[]")
                {
                    throw new InvalidOperationException($"{prefix}{query}: {(int)response.StatusCode}, or an answer that is not the empty list");
                }
                if (round >= 0)
                {
                    into.Add(elapsed);
                }
            }
        }
        return new(Latencies.Of(times.Hidden), Latencies.Of(times.Nobody));
    }

    /// <summary>Warms up for 2 s, then {Connections} workers send requests back to back for {Duration}; rate and 99th-percentile latency.</summary>
    private static async Task<Load> DriveAsync(string prefix, string[] queries)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler);
        async Task<List<double>> Worker(int worker, TimeSpan length)
        {
            var latencies = new List<double>(100_000);
            var clock = Stopwatch.StartNew();
            var i = worker;
            while (clock.Elapsed < length)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(prefix + queries[i++ % queries.Length], HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{prefix}: {(int)response.StatusCode}");
                }
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return latencies;
        }
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(w => Worker(w, TimeSpan.FromSeconds(2))));
        var all = (await Task.WhenAll(Enumerable.Range(0, Connections).Select(w => Worker(w, Duration)))).SelectMany(l => l).Order().ToList();
        return new Load(all.Count / Duration.TotalSeconds, all[(int)(all.Count * 0.99)]);
    }

    private static DateOnly Today() => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    private static T Require<T>(Custody.Common.Result<T> result) =>
        result.Failure is { } failure ? throw new InvalidOperationException($"benchmark setup failed: {failure}") : result.Value!;

}
