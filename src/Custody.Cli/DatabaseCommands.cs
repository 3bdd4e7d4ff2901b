using System.CommandLine;
using Custody.Persistence;

namespace Custody.Cli;

/// <summary><c>custody db migrate</c>.</summary>
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
        return new Command("db", "Database administration.") { migrate };
    }
}

/// <summary>Exit codes shared by every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;
}
