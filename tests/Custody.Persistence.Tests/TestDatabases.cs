using System.Diagnostics;
using Custody.Persistence;
using Npgsql;

namespace Custody.Persistence.Tests;

/// <summary>
/// A fresh, migrated database per test on either provider. PostgreSQL comes from
/// CUSTODY_TEST_POSTGRES (a connection string to a server where we may create databases) or from
/// a throw-away cluster started from the installed PostgreSQL binaries; the tests skip, saying
/// why, only when neither exists.
/// </summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static TheoryData<string> Providers => [Sqlite, Postgres];

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var database = await CreateEmptyAsync(provider);
        await using (var db = database.NewContext())
        {
            await DatabaseSetup.MigrateAsync(db);
        }
        return database;
    }

    /// <summary>A database with nothing in it, not even the schema: where a backup is restored.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(string provider)
    {
        string connection;
        if (provider == Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("custody-test-");
            connection = Path.Combine(directory.FullName, "custody.db");
        }
        else
        {
            var server = PostgresServer.Instance.Value;
            if (server.ConnectionString is null)
            {
                if (Environment.GetEnvironmentVariable("CUSTODY_REQUIRE_POSTGRES") == "1")
                {
                    Assert.Fail(server.Unavailable!.Replace("skipped", "required (CUSTODY_REQUIRE_POSTGRES=1)", StringComparison.Ordinal));
                }
                Assert.Skip(server.Unavailable!);
            }
            var name = "custody_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new NpgsqlConnection(server.ConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }
            connection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
        }
        return new TestDatabase(CustodyDatabase.Parse(connection), connection);
    }
}

/// <summary>One test's database: hand out as many contexts as a test needs.</summary>
public sealed record TestDatabase(CustodyDatabase Database, string Connection)
{
    public CustodyDbContext NewContext() => Database.CreateContext();

    public string Provider => Database.Provider == DatabaseProvider.Sqlite ? TestDatabases.Sqlite : TestDatabases.Postgres;
}

/// <summary>The PostgreSQL server for this test run, started once and stopped at exit.</summary>
public sealed class PostgresServer
{
    public static readonly Lazy<PostgresServer> Instance = new(Start);

    public string? ConnectionString { get; private init; }

    public string? Unavailable { get; private init; }

    private static PostgresServer Start()
    {
        var configured = Environment.GetEnvironmentVariable("CUSTODY_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer { ConnectionString = configured };
        }
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            return new PostgresServer { Unavailable = "PostgreSQL tests skipped: set CUSTODY_TEST_POSTGRES or install the postgresql package (no initdb under /usr/lib/postgresql)." };
        }
        try
        {
            return StartCluster(bin);
        }
        catch (InvalidOperationException ex)
        {
            return new PostgresServer { Unavailable = "PostgreSQL tests skipped: could not start a throw-away cluster: " + ex.Message };
        }
    }

    private static PostgresServer StartCluster(string bin)
    {
        var directory = Directory.CreateTempSubdirectory("custody-pg-").FullName;
        var data = Path.Combine(directory, "data");
        // initdb refuses to run as root; run the cluster as the postgres system user then.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres {directory}");
        }
        var port = 20000 + Random.Shared.Next(20000);
        RunAs(asRoot, Path.Combine(bin, "initdb"), $"-D {data} -A trust -U postgres --no-instructions -E UTF8");
        RunAs(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -w -l {Path.Combine(directory, "log")} -o \"-k {directory} -p {port} -c listen_addresses=''\" start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAs(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop");
                Directory.Delete(directory, recursive: true);
            }
            catch (InvalidOperationException)
            {
                // The run is ending; a left-over temp folder is harmless.
            }
        };
        return new PostgresServer { ConnectionString = $"Host={directory};Port={port};Username=postgres;Database=postgres" };
    }

    private static void RunAs(bool asRoot, string program, string arguments) =>
        Run(asRoot ? "runuser" : program, asRoot ? $"-u postgres -- {program} {arguments}" : arguments);

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed: {output.Result} {error.Result}");
        }
    }
}
