using System.CommandLine;
using Custody.Persistence;

namespace Custody.Cli;

/// <summary>The <c>--database</c> option every command takes, and opening the database it names.</summary>
internal static class CliDatabase
{
    public static Option<string?> Option() => new("--database")
    {
        Description = $"SQLite file path, or a PostgreSQL connection string (Host=…). Default: ${CustodyDatabase.EnvironmentVariable}, else {CustodyDatabase.DefaultPath}.",
    };

    public static CustodyDatabase Resolve(string? value) =>
        CustodyDatabase.Parse(string.IsNullOrWhiteSpace(value) ? Environment.GetEnvironmentVariable(CustodyDatabase.EnvironmentVariable) : value);

    /// <summary>
    /// Opens, checks durability and migrates, as the web app does on start; null (with the reason
    /// on standard error) when the connection would not be encrypted or the server would not keep committed data.
    /// </summary>
    public static async Task<CustodyDbContext?> OpenAsync(string? value, CancellationToken cancellationToken)
    {
        CustodyDatabase database;
        try
        {
            database = Resolve(value);
        }
        catch (ArgumentException ex)
        {
            // A connection string that is malformed or would reach another machine unencrypted.
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return null;
        }
        var db = database.CreateContext();
        try
        {
            await DatabaseSetup.MigrateAsync(db, cancellationToken);
            return db;
        }
        catch (DurabilityException ex)
        {
            await db.DisposeAsync();
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return null;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Who the ledger records as acting: the operating-system user at this terminal.</summary>
    public static string Actor => "cli:" + Environment.UserName;

    /// <summary>Whether to draw progress bars: only on a terminal.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;
}
