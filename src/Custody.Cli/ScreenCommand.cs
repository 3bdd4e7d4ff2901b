using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Custody.Access;
using Custody.Common;
using Custody.Screening;

namespace Custody.Cli;

/// <summary><c>custody screen --agreement ID [--at INSTANT] [--person ID]... [--format table|jsonl]</c>.</summary>
internal static class ScreenCommand
{
    public static Command Create()
    {
        var agreement = new Option<string>("--agreement") { Description = "The agreement to screen against; its receiving state is the destination.", Required = true };
        var at = new Option<string?>("--at") { Description = "The instant to screen at, RFC 3339 (e.g. 2025-03-20T12:00:00Z). Default: now." };
        var person = new Option<string[]>("--person") { Description = "A person's bundle id; repeat for several. Default: everyone in the register." };
        var format = new Option<string>("--format") { Description = "table (for people) or jsonl (one JSON object per line).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "jsonl");
        var database = CliDatabase.Option();
        var command = new Command("screen", "Screen people of the register for transfer under an agreement, with every reason that blocks them.")
        {
            agreement, at, person, format, database,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var instant = TimeProvider.System.GetUtcNow();
            if (parse.GetValue(at) is { } text && !Instants.TryParseRfc3339(text, out instant))
            {
                await Console.Error.WriteLineAsync($"error: --at: \"{text}\" is not an RFC 3339 instant such as 2025-03-20T12:00:00Z");
                return ExitCodes.InvalidInput;
            }
            var db = await CliDatabase.OpenAsync(parse.GetValue(database), cancellationToken);
            if (db is null)
            {
                return ExitCodes.Failed;
            }
            await using (db)
            {
                var screen = new ScreenRegister(db, TimeProvider.System);
                var request = new ScreeningRequest(parse.GetValue(agreement)!, instant, parse.GetValue(person) ?? []);
                var prepared = await screen.PrepareAsync(request, new Viewer(CliDatabase.Actor), cancellationToken);
                if (prepared.Failure is { } failure)
                {
                    await Console.Error.WriteLineAsync("error: " + failure.Message);
                    return failure is NotFound or Invalid ? ExitCodes.InvalidInput : ExitCodes.Failed;
                }
                var decisions = screen.ScreenAsync(prepared.Value!, cancellationToken).Select(s => s.Decision);
                if (parse.GetValue(format) == "jsonl")
                {
                    await WriteJsonLinesAsync(decisions, cancellationToken);
                }
                else
                {
                    await WriteTableAsync(prepared.Value!, decisions, cancellationToken);
                }
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    /// <summary>One object per line, in the documented key order, streamed.</summary>
    private static async Task WriteJsonLinesAsync(IAsyncEnumerable<ScreeningDecision> decisions, CancellationToken cancellationToken)
    {
        await using var output = Console.OpenStandardOutput();
        await using var buffered = new BufferedStream(output, 1 << 16);
        var newline = "\n"u8.ToArray();
        await foreach (var d in decisions.WithCancellation(cancellationToken))
        {
            await using (var writer = new Utf8JsonWriter(buffered, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("person", d.Person);
                writer.WriteString("outcome", d.Outcome);
                WriteArray(writer, "reasons", d.Reasons);
                WriteArray(writer, "flags", d.Flags);
                WriteArray(writer, "categories", d.Categories);
                writer.WriteEndObject();
            }
            await buffered.WriteAsync(newline, cancellationToken);
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    /// <summary>A row per person as the decisions stream in, then counts by outcome and by reason.</summary>
    private static async Task WriteTableAsync(ScreeningRun run, IAsyncEnumerable<ScreeningDecision> decisions, CancellationToken cancellationToken)
    {
        var tally = new ScreeningTally();
        Console.WriteLine($"{"person",-14} {"outcome",-9} reasons | flags | categories");
        await foreach (var d in decisions.WithCancellation(cancellationToken))
        {
            tally.Add(d);
            Console.WriteLine($"{d.Person,-14} {d.Outcome,-9} {Join(d.Reasons)} | {Join(d.Flags)} | {Join(d.Categories)}");
        }
        Console.WriteLine();
        Console.WriteLine($"{run.Agreement.Id} version {tally.AgreementVersion}, destination {run.Agreement.ReceivingState}, at {run.Request.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}: {tally.Screened} screened, {tally.Eligible} eligible, {tally.Blocked} blocked");
        foreach (var (reason, count) in tally.ByReason.Where(r => r.Value > 0))
        {
            Console.WriteLine($"  {count,8}  {reason}");
        }
    }

    private static string Join(IReadOnlyList<string> values) => values.Count == 0 ? "—" : string.Join(", ", values);
}
