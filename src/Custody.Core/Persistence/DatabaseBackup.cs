using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Custody.Persistence;

/// <summary>What a backup holds: where it is, how large, and the ledger size it ends at.</summary>
public sealed record BackupSummary(string File, long Bytes, long LedgerEntries);

/// <summary>Raised when a backup or restore cannot be made; the message says why and what to do.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Backups that restore. SQLite: the online backup API, which copies the database as of one
/// instant under a read lock while the app keeps writing. PostgreSQL: <c>pg_dump</c> in its custom
/// format (one repeatable-read snapshot, consistent while the app keeps writing) and
/// <c>pg_restore</c> into an empty database, both found on the PATH or under
/// <c>/usr/lib/postgresql/*/bin</c>. A restore is not trusted until the ledger verifies: the CLI
/// runs the verification after it, and <c>ledger verify --checkpoint</c> proves the restored
/// history is the one the witnesses cosigned.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<BackupSummary> BackupAsync(CustodyDatabase source, string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        file = Path.GetFullPath(file);
        if (File.Exists(file))
        {
            throw new BackupException($"{file} exists; a backup never overwrites a file (choose another name).");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (source.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
            if (!File.Exists(path))
            {
                throw new BackupException($"No database at {path}.");
            }
            CreateOwnerOnly(file);
            await using var from = new SqliteConnection(source.ConnectionString);
            await from.OpenAsync(cancellationToken);
            await using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
            await to.OpenAsync(cancellationToken);
            // One step: every page as of one instant, under the source's read lock.
            from.BackupDatabase(to);
            await CheckIntegrityAsync(to, file, cancellationToken);
            return new BackupSummary(file, new FileInfo(file).Length, await LedgerSizeAsync(to, cancellationToken));
        }
        // The dump is taken in a snapshot exported from this transaction, so the ledger size reported
        // is exactly the one the dump holds, however much is written meanwhile.
        await using var connection = new NpgsqlConnection(source.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var export = connection.CreateCommand();
        export.CommandText = "SELECT pg_export_snapshot()";
        var id = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
        var entries = await LedgerSizeAsync(connection, cancellationToken);
        // Created owner-only first: pg_dump writes into it and keeps its mode.
        CreateOwnerOnly(file);
        try
        {
            await RunAsync("pg_dump", source, ["--format=custom", "--no-owner", "--no-privileges", "--snapshot=" + id, "--file", file], cancellationToken);
        }
        catch
        {
            File.Delete(file);
            throw;
        }
        await snapshot.CommitAsync(cancellationToken);
        return new BackupSummary(file, new FileInfo(file).Length, entries);
    }

    /// <summary>
    /// Restores a backup into <paramref name="target"/>, which must be empty (a new file, or a database
    /// without Custody's tables) unless <paramref name="replace"/> says to replace what is there. The
    /// app must be stopped while it runs. The caller migrates and verifies after it.
    /// </summary>
    public static async Task RestoreAsync(string file, CustodyDatabase target, bool replace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentNullException.ThrowIfNull(target);
        if (!File.Exists(file))
        {
            throw new BackupException($"No backup at {file}.");
        }
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            await using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            await from.OpenAsync(cancellationToken);
            await CheckIntegrityAsync(from, file, cancellationToken);
            if (await LedgerSizeAsync(from, cancellationToken) < 0)
            {
                throw new BackupException($"{file} is not a Custody database (it has no ledger).");
            }
            var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
            if (File.Exists(path) && new FileInfo(path).Length > 0 && !replace)
            {
                throw new BackupException($"{path} exists; restore into a new file, or pass --replace to overwrite it (stop the app first).");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            SqliteConnection.ClearAllPools();
            if (!File.Exists(path))
            {
                CreateOwnerOnly(path);
            }
            await using var to = new SqliteConnection(new SqliteConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString);
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);
            return;
        }
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            if (await LedgerSizeAsync(connection, cancellationToken) >= 0 && !replace)
            {
                throw new BackupException($"{target.Describe()} already holds a Custody database; restore into an empty database, or pass --replace (stop the app first).");
            }
        }
        await RunAsync("pg_restore", target, replace ? ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file]
            : ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file], cancellationToken);
    }

    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var created = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }

    private static async Task CheckIntegrityAsync(SqliteConnection connection, string file, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        if (await command.ExecuteScalarAsync(cancellationToken) is not "ok")
        {
            throw new BackupException($"{file} failed SQLite's integrity check.");
        }
    }

    // The ledger's size, or -1 when the database has no ledger table.
    private static async Task<long> LedgerSizeAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = connection is SqliteConnection
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'LedgerEntries'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'LedgerEntries'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return -1;
        }
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM \"LedgerEntries\"";
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    // pg_dump and pg_restore with the connection string's server, user and database; the password
    // goes in the environment, never on a command line other users can read.
    private static async Task RunAsync(string tool, CustodyDatabase database, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var info = new ProcessStartInfo(FindTool(tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.ArgumentList.Add("--host=" + connection.Host);
        info.ArgumentList.Add("--port=" + connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(connection.Username))
        {
            info.ArgumentList.Add("--username=" + connection.Username);
        }
        info.ArgumentList.Add("--dbname=" + connection.Database);
        info.ArgumentList.Add("--no-password");
        if (!string.IsNullOrEmpty(connection.Password))
        {
            info.Environment["PGPASSWORD"] = connection.Password;
        }
        using var process = Process.Start(info) ?? throw new BackupException($"{tool} did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await output;
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await error).Trim()}");
        }
    }

    private static string FindTool(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0).Select(d => Path.Combine(d, "bin", tool)).FirstOrDefault(File.Exists)
            : null;
        return onPath ?? installed ?? throw new BackupException($"{tool} was not found on the PATH or under /usr/lib/postgresql: install the PostgreSQL client tools.");
    }
}
