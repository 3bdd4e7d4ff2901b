using System.CommandLine;
using Custody.Common;
using Custody.Imports;
using Custody.Persistence;
using Spectre.Console;

namespace Custody.Cli;

/// <summary><c>custody import FILE</c>: a case bundle or an agreement, all or nothing.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A case bundle (custody.case-bundle/1) or agreement (custody.agreement/1) JSON file." };
        var database = CliDatabase.Option();
        var command = new Command("import", "Import a case bundle or an agreement. Invalid input exits 2 and writes nothing.") { file, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName}: no such file");
                return ExitCodes.InvalidInput;
            }
            var db = await CliDatabase.OpenAsync(parse.GetValue(database), cancellationToken);
            if (db is null)
            {
                return ExitCodes.Failed;
            }
            await using (db)
            {
                var import = new ImportFile(db, TimeProvider.System);
                Func<Stream> open = () => new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                var result = CliDatabase.Interactive
                    ? await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
                    {
                        var task = context.AddTask($"import {path.Name}", maxValue: Math.Max(1, path.Length));
                        var progress = new Progress<ImportProgress>(p => task.Value = p.BytesRead);
                        return await import.HandleAsync(open, CliDatabase.Actor, progress, cancellationToken);
                    })
                    : await import.HandleAsync(open, CliDatabase.Actor, null, cancellationToken);
                return await ReportAsync(path, result);
            }
        });
        return command;
    }

    private static async Task<int> ReportAsync(FileInfo path, Result<ImportSummary> result)
    {
        if (result.Failure is Invalid invalid)
        {
            foreach (var error in invalid.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Field}: {error.Message}");
            }
            await Console.Error.WriteLineAsync($"{path.Name}: {invalid.Errors.Count}{(invalid.Truncated ? $" (the first {ImportFile.MaxErrors}; there are more)" : "")} error(s); nothing was written.");
            return ExitCodes.InvalidInput;
        }
        if (result.Failure is { } failure)
        {
            await Console.Error.WriteLineAsync($"error: {failure.Message}; nothing was written.");
            return ExitCodes.Failed;
        }
        var s = result.Value!;
        Console.WriteLine(s.Format == FormatSchemas.AgreementFormat
            ? $"{path.Name}: agreement {s.AgreementId}: {s.VersionsAdded} version(s) added, {s.VersionsUnchanged} already present. Ledger: +{s.EntriesAppended} entries, {s.LedgerSize} in all."
            : $"{path.Name}: {s.PeopleRegistered} registered, {s.PeopleUpdated} updated, {s.PeopleUnchanged} unchanged; class orders {s.ClassOrdersRecorded} recorded, {s.ClassOrdersUpdated} updated{(s.ClassOrderConflicts.Count > 0 ? $", {s.ClassOrderConflicts.Count} differing from the court's record and kept for legal review ({string.Join(", ", s.ClassOrderConflicts)})" : "")}{(s.CourtOrderConflicts.Count > 0 ? $"; court orders differing from the court's record, kept for legal review: {string.Join(", ", s.CourtOrderConflicts)}" : "")}. Ledger: +{s.EntriesAppended} entries, {s.LedgerSize} in all.");
        return ExitCodes.Ok;
    }
}
