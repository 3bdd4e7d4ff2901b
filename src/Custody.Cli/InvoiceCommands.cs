using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Custody.Billing;
using Custody.Common;
using Spectre.Console;

namespace Custody.Cli;

/// <summary><c>custody invoice draft --agreement ID --month YYYY-MM [--format table|json]</c>.</summary>
internal static class InvoiceCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var agreement = new Option<string>("--agreement") { Description = "The agreement to invoice under.", Required = true };
        var month = new Option<string>("--month") { Description = "The calendar month, YYYY-MM.", Required = true };
        var format = new Option<string>("--format") { Description = "table (for people) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var database = CliDatabase.Option();
        var draft = new Command("draft", "Compute a month's invoice from the register (person-days payable and withheld, by reason); nothing is written.")
        {
            agreement, month, format, database,
        };
        draft.SetAction(async (parse, cancellationToken) =>
        {
            var db = await CliDatabase.OpenAsync(parse.GetValue(database), cancellationToken);
            if (db is null)
            {
                return ExitCodes.Failed;
            }
            await using (db)
            {
                var result = await new DraftInvoice(db).RunAsync(parse.GetValue(agreement)!, parse.GetValue(month), cancellationToken);
                if (result.Failure is { } failure)
                {
                    await Console.Error.WriteLineAsync("error: " + (failure is Invalid invalid ? string.Join("; ", invalid.Errors.Select(e => $"--{e.Field}: {e.Message}")) : failure.Message));
                    return failure is NotFound or Invalid ? ExitCodes.InvalidInput : ExitCodes.Failed;
                }
                var invoice = result.Value!;
                if (parse.GetValue(format) == "json")
                {
                    await Console.Out.WriteLineAsync(JsonSerializer.Serialize(invoice, Json));
                    return ExitCodes.Ok;
                }
                var table = new Table().AddColumns("person", "version", "rate", "payable days", "withheld", "amount");
                foreach (var line in invoice.Lines)
                {
                    table.AddRow(Markup.Escape(line.ExternalId), line.Version.ToString(CultureInfo.InvariantCulture), line.Rate.ToString(CultureInfo.InvariantCulture),
                        line.PayableDays.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", line.WithheldDays.Select(w => $"{w.Key} {w.Value}"))),
                        line.Amount.ToString(CultureInfo.InvariantCulture));
                }
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"{invoice.AgreementId} {invoice.Month}: {invoice.PayableDays} payable days, total {invoice.Total.ToString(CultureInfo.InvariantCulture)} {invoice.Currency}");
                foreach (var (reason, days) in invoice.WithheldByReason)
                {
                    AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, $"withheld {Markup.Escape(reason)}: {days} days");
                }
                return ExitCodes.Ok;
            }
        });
        return new Command("invoice", "Invoices: person-days under an agreement.") { draft };
    }
}
