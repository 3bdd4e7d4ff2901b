using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Custody.Persistence;

/// <summary>Which database engine a connection string selects.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives. A connection string with <c>Host=</c> selects PostgreSQL; anything else
/// is SQLite, either a <c>Data Source=</c> connection string or a plain file path. The default is
/// <c>./data/custody.db</c> under the working directory.
/// </summary>
public sealed record CustodyDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultPath = "data/custody.db";
    public const string EnvironmentVariable = "CUSTODY_DATABASE";

    /// <summary>Reads a <c>--database</c> value, configuration value or environment value; null or blank means the default file.</summary>
    public static CustodyDatabase Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            value = DefaultPath;
        }
        value = value.Trim();
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            var postgres = new NpgsqlConnectionStringBuilder(value);
            EnsureEncrypted(postgres);
            return new CustodyDatabase(DatabaseProvider.Postgres, postgres.ConnectionString);
        }
        var sqlite = value.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) || value.Contains("DataSource=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(value)
            : new SqliteConnectionStringBuilder { DataSource = value };
        // Pooling keeps the journal-mode and synchronous pragmas set once per physical connection;
        // the interceptor sets them again on every open all the same.
        sqlite.Pooling = true;
        return new CustodyDatabase(DatabaseProvider.Sqlite, sqlite.ConnectionString);
    }

    /// <summary>
    /// A server on another machine is reached over TLS that checks its certificate (ASVS 12.3.1,
    /// 12.3.2): Npgsql's default, <c>Prefer</c>, falls back to plain text, and <c>Require</c> does
    /// not check who answers. A Unix socket or a loopback host needs neither.
    /// </summary>
    /// <exception cref="ArgumentException">A remote host without <c>SSL Mode=VerifyFull</c> or <c>VerifyCA</c>.</exception>
    private static void EnsureEncrypted(NpgsqlConnectionStringBuilder postgres)
    {
        var remote = (postgres.Host ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(h => !h.StartsWith('/') && !h.StartsWith('@') && !Custody.Common.Loopback.IsLoopbackHost(WithoutPort(h)))
            .ToList();
        if (remote.Count > 0 && postgres.SslMode is not (SslMode.VerifyFull or SslMode.VerifyCA))
        {
            throw new ArgumentException($"The PostgreSQL connection string names {string.Join(", ", remote)}, another machine, with SSL Mode={postgres.SslMode}: "
                + "the connection could be read or answered by someone else. Add SSL Mode=VerifyFull (and Root Certificate=… for a private CA).");
        }
    }

    /// <summary>The host of one of Npgsql's <c>host[:port]</c> entries ("[::1]:5432", "::1", "db:5432").</summary>
    private static string WithoutPort(string entry) =>
        entry.StartsWith('[') && entry.Contains(']', StringComparison.Ordinal) ? entry[..(entry.IndexOf(']', StringComparison.Ordinal) + 1)]
        : System.Net.IPAddress.TryParse(entry, out _) ? entry
        : entry.Split(':')[0];

    /// <summary>Configures EF Core for this database, with its provider's migrations assembly.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteDirectory();
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Custody.Migrations.Sqlite"))
                    .AddInterceptors(SqliteDurability.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly("Custody.Migrations.Postgres"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), Provider, "unknown provider");
        }
    }

    public CustodyDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<CustodyDbContext>();
        Configure(builder);
        return new CustodyDbContext(builder.Options);
    }

    /// <summary>A description for people: the file path, or host and database, never a password.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        DatabaseProvider.Postgres => DescribePostgres(),
        _ => Provider.ToString(),
    };

    private string DescribePostgres()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    // The database file is created owner-only (it holds personal data); SQLite gives its WAL and
    // shared-memory files the database file's permissions.
    private void EnsureSqliteDirectory()
    {
        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (path.Length > 0 && path != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
            if (!File.Exists(path) && !OperatingSystem.IsWindows())
            {
                try
                {
                    // An empty file is an empty SQLite database.
                    using var created = new FileStream(path, new FileStreamOptions
                    {
                        Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                    });
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Another process created it first.
                }
            }
        }
    }
}

/// <summary>
/// Every SQLite connection runs in WAL mode with <c>synchronous=FULL</c>: a committed transaction
/// survives a power cut. Throughput comes from batching inside transactions, not from relaxing this.
/// </summary>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    // Pragmas belong to the native connection, which Microsoft.Data.Sqlite pools and hands out again:
    // each native connection is configured once, not on every open (the public locator opens one per request).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadyConfigured(connection))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadyConfigured(connection))
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    // A read-only connection (EF's probe whether the database exists) cannot switch an empty file to WAL, and needs not.
    private static bool AlreadyConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } sqlite
        && (Configured.TryGetValue(handle, out _) || new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, handle);
        }
    }
}
