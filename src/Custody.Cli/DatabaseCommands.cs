using System.CommandLine;
using Custody.Persistence;

namespace Custody.Cli;

/// <summary><c>custody db migrate</c>, <c>db backup</c> and <c>db restore</c>.</summary>
internal static class DatabaseCommands
{
    public static Command Create()
    {
        var database = CliDatabase.Option();
        var migrate = new Command("migrate", "Create the database or bring it to the current schema.") { database };
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            await using var db = await CliDatabase.OpenAsync(parse.GetValue(database), cancellationToken);
            if (db is null)
            {
                return ExitCodes.Failed;
            }
            Console.WriteLine($"{CliDatabase.Resolve(parse.GetValue(database)).Describe()}: migrated.");
            return ExitCodes.Ok;
        });
        return new Command("db", "Database administration.") { migrate, Backup(), Restore() };
    }

    private static Command Backup()
    {
        var database = CliDatabase.Option();
        var to = new Option<string>("--to") { Description = "The backup file to write (never overwritten; owner-only).", Required = true };
        var backup = new Command("backup", "Copy the database as of one instant while the app keeps running (SQLite online backup; PostgreSQL pg_dump, custom format).")
        {
            database, to,
        };
        backup.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var summary = await DatabaseBackup.BackupAsync(CliDatabase.Resolve(parse.GetValue(database)), parse.GetValue(to)!, cancellationToken);
                Console.WriteLine($"backup written: {summary.File} ({summary.Bytes} bytes, ledger of {summary.LedgerEntries} entries)");
                return ExitCodes.Ok;
            }
            catch (BackupException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return ExitCodes.Failed;
            }
        });
        return backup;
    }

    private static Command Restore()
    {
        var database = CliDatabase.Option();
        var from = new Option<string>("--from") { Description = "The backup file written by db backup.", Required = true };
        var replace = new Option<bool>("--replace") { Description = "Overwrite a database that is already there (stop the app first)." };
        var restore = new Command("restore", "Restore a backup into an empty database (the app stopped), migrate it, and verify the ledger; exit 0 only when it verifies.")
        {
            database, from, replace,
        };
        restore.SetAction(async (parse, cancellationToken) =>
        {
            var target = CliDatabase.Resolve(parse.GetValue(database));
            try
            {
                await DatabaseBackup.RestoreAsync(parse.GetValue(from)!, target, parse.GetValue(replace), cancellationToken);
            }
            catch (BackupException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return ExitCodes.Failed;
            }
            await using var db = await CliDatabase.OpenAsync(parse.GetValue(database), cancellationToken);
            if (db is null)
            {
                return ExitCodes.Failed;
            }
            // A restore is trusted only once its history checks; against a cosigned checkpoint, run ledger verify --checkpoint too.
            var verification = await new Custody.Ledger.VerifyLedger(db).RunAsync(null, null, cancellationToken);
            if (!verification.Ok)
            {
                await Console.Error.WriteLineAsync($"restored into {target.Describe()}, but the ledger does not verify: {verification.Problem}");
                return ExitCodes.Failed;
            }
            Console.WriteLine($"restored into {target.Describe()}: ledger ok, {verification.Entries} entries, tree hash {verification.TreeHash}");
            return ExitCodes.Ok;
        });
        return restore;
    }
}

/// <summary>Exit codes shared by every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;
}
