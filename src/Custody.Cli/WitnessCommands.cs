using System.CommandLine;
using Custody.Transparency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custody.Cli;

/// <summary>
/// <c>custody witness serve</c>: a C2SP tlog-witness in its own process, with its own small store
/// and key, for the other state or an independent body to run beside (not inside) a Custody node.
/// </summary>
internal static class WitnessCommands
{
    private const string KeyFileName = "witness.key";

    public static Command Create()
    {
        var store = new Option<DirectoryInfo>("--store") { Description = "The witness's own directory: its key and what it cosigned.", Required = true };
        var name = new Option<string>("--name") { Description = "The witness's key name (used when its key is created).", DefaultValueFactory = _ => "witness.localhost" };
        var listen = new Option<string>("--listen") { Description = "Where to listen, e.g. http://127.0.0.1:7380.", DefaultValueFactory = _ => "http://127.0.0.1:7380" };
        var logs = new Option<string[]>("--log") { Description = "The verifier key of a log this witness cosigns (repeatable); its name is the log's origin.", Required = true, AllowMultipleArgumentsPerToken = false };

        var serve = new Command("serve", "Run the witness: POST /add-checkpoint (tlog-witness), GET /cosigned (what it cosigned), GET /key.") { store, name, listen, logs };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            NoteSigner key;
            List<NoteVerifier> known;
            try
            {
                key = LoadOrCreateKey(parse.GetValue(store)!, parse.GetValue(name)!);
                known = [.. parse.GetValue(logs)!.Select(NoteVerifier.Parse)];
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return ExitCodes.InvalidInput;
            }
            var cosigned = new WitnessStore(parse.GetValue(store)!.FullName);
            var witness = new Witness(key, known, cosigned, TimeProvider.System);
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(parse.GetValue(listen)!);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var app = builder.Build();
            app.MapPost("/add-checkpoint", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                var answer = body.Length > 64 * 1024 ? WitnessAnswer.Refused(400, "The request is too large.") : witness.AddCheckpoint(body);
                return Results.Text(answer.Body(), answer.MediaType, statusCode: answer.Status);
            });
            app.MapGet("/cosigned", (string? origin) => Results.Json(witness.Cosigned(origin)));
            app.MapGet("/key", () => Results.Text(witness.PublicKey + "\n", "text/plain; charset=utf-8"));
            await app.StartAsync(cancellationToken);
            // The first lines say who the witness is and where it listens: operators and tests read them.
            Console.WriteLine($"witness key: {witness.PublicKey}");
            Console.WriteLine($"listening on: {string.Join(' ', app.Urls)}");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return new Command("witness", "A C2SP tlog-witness that cosigns a log's checkpoints only when they extend what it cosigned before.") { serve };
    }

    private static NoteSigner LoadOrCreateKey(DirectoryInfo store, string name)
    {
        store.Create();
        var path = Path.Combine(store.FullName, KeyFileName);
        if (File.Exists(path))
        {
            return NoteSigner.Parse(File.ReadAllText(path));
        }
        var key = NoteSigner.Generate(name, NoteAlgorithm.CosignatureV1);
        File.WriteAllText(path, key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
