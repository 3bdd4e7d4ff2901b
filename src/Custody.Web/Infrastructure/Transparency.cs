using Custody.Common;
using Custody.Persistence;
using Custody.Transparency;
using Microsoft.AspNetCore.DataProtection;

namespace Custody.Web.Infrastructure;

/// <summary>A witness of the deployment (<c>Custody:Log:Witnesses</c>): its submission URL and its cosigner key.</summary>
public sealed class WitnessOptions
{
    public string Url { get; set; } = "";

    public string Key { get; set; } = "";
}

/// <summary>The log's settings (<c>Custody:Log</c>).</summary>
public sealed class LogOptions
{
    /// <summary>The origin line of every checkpoint, naming this deployment; also the log key's name.</summary>
    public string Origin { get; set; } = "custody.localhost/ledger";

    /// <summary>
    /// An operator-provided signing key: a PKCS#8 PEM Ed25519 key or a note PRIVATE+KEY text. When
    /// empty, a key is created at first start and kept in the data directory, encrypted with ASP.NET
    /// Core Data Protection.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>Sign a new checkpoint once this many entries have been recorded since the last one…</summary>
    public long CheckpointEveryEntries { get; set; } = 1000;

    /// <summary>…or this many seconds have passed with anything new.</summary>
    public int CheckpointEverySeconds { get; set; } = 60;

    /// <summary>Whether the app signs and submits checkpoints in the background (on demand they always can be).</summary>
    public bool Publish { get; set; } = true;

    public List<WitnessOptions> Witnesses { get; set; } = [];

    /// <summary>How many witnesses must cosign for a checkpoint to be final; empty means all of them.</summary>
    public int? Quorum { get; set; }

    public int WitnessTimeoutSeconds { get; set; } = 10;
}

/// <summary>
/// Signed checkpoints for the web app: the log key (created at setup, kept encrypted, never
/// leaving the process), the witness policy, on-demand and periodic publishing, and the start-up
/// check that the database still extends the latest final checkpoint.
/// </summary>
public static class TransparencyRegistration
{
    private const string KeyFileName = "log-key.protected";

    public static void AddCustodyTransparency(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection("Custody:Log").Get<LogOptions>() ?? new();
        var dataDirectory = builder.Configuration["Custody:DataDirectory"] ?? "data";
        // The key ring sits in the data directory: cookies and the log key survive a restart. Its
        // folder is owner-only: the keys open every session cookie and the protected log key.
        var keys = Path.Combine(dataDirectory, "keys");
        if (!Directory.Exists(keys) && !OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        KeyRingProtection.ProtectWithConfiguredCertificate(
            builder.Services.AddDataProtection().SetApplicationName("Custody").PersistKeysToFileSystem(new DirectoryInfo(keys)), builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new FinalCheckpointFile(Path.Combine(dataDirectory, "checkpoint")));
        builder.Services.AddSingleton(sp => new LogIdentity(options.Origin, LoadOrCreateKey(options, dataDirectory, sp.GetRequiredService<IDataProtectionProvider>())));
        var witnesses = options.Witnesses.Select(w => new WitnessEndpoint(new Uri(w.Url.EndsWith('/') ? w.Url : w.Url + "/"), NoteVerifier.Parse(w.Key))).ToList();
        builder.Services.AddSingleton<IReadOnlyList<WitnessEndpoint>>(witnesses);
        builder.Services.AddSingleton(WitnessPolicy.Create(options.Witnesses.Select(w => w.Key), options.Quorum));
        builder.Services.AddScoped<CheckpointLog>();
        // A witness is called only at its configured URL: a redirect is its answer, never followed elsewhere (ASVS 15.3.2).
        builder.Services.AddHttpClient<CheckpointPublisher>(c => c.Timeout = TimeSpan.FromSeconds(options.WitnessTimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        if (options.Publish)
        {
            builder.Services.AddHostedService<CheckpointPublishing>();
        }
    }

    /// <summary>Refuses to go on when the database does not extend the latest final checkpoint.</summary>
    /// <exception cref="LedgerIntegrityException">It does not.</exception>
    public static async Task EnsureLedgerExtendsCheckpointAsync(IServiceProvider services, CustodyDbContext db)
    {
        var file = services.GetRequiredService<FinalCheckpointFile>();
        try
        {
            await CheckpointLog.EnsureExtendsLatestAsync(db, services.GetRequiredService<LogIdentity>().PublicKey, file);
        }
        catch (LedgerIntegrityException ex)
        {
            throw new LedgerIntegrityException($"{ex.Message} Custody refuses to start on this database. (The latest final checkpoint is kept in {Path.GetFullPath(file.Path)}; "
                + "a development database replaced on purpose starts over by deleting the whole data directory.)");
        }
    }

    private static NoteSigner LoadOrCreateKey(LogOptions options, string dataDirectory, IDataProtectionProvider protection)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            var text = File.ReadAllText(options.KeyFile);
            var given = text.Contains("BEGIN PRIVATE KEY", StringComparison.Ordinal) ? NoteSigner.FromPkcs8Pem(options.Origin, text) : NoteSigner.Parse(text);
            return given.Name == options.Origin && given.Algorithm == NoteAlgorithm.Ed25519
                ? given
                : throw new InvalidOperationException($"The log key in {options.KeyFile} is named '{given.Name}' but the log's origin is '{options.Origin}': they must be the same Ed25519 key name.");
        }
        var protector = protection.CreateProtector("Custody.Transparency.LogKey");
        var path = Path.Combine(dataDirectory, KeyFileName);
        if (File.Exists(path))
        {
            var key = NoteSigner.Parse(protector.Unprotect(File.ReadAllText(path)));
            return key.Name == options.Origin
                ? key
                : throw new InvalidOperationException($"The log key kept in {path} is for '{key.Name}', not for the configured origin '{options.Origin}'.");
        }
        var created = NoteSigner.Generate(options.Origin, NoteAlgorithm.Ed25519);
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(path, protector.Protect(created.ToString()));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return created;
    }
}

/// <summary>Signs and submits checkpoints every few seconds when the ledger has grown (see <see cref="LogOptions"/>).</summary>
public sealed partial class CheckpointPublishing(IServiceScopeFactory scopes, LogOptions options, TimeProvider time, ILogger<CheckpointPublishing> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(options.CheckpointEverySeconds, 1, 10)), time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var publisher = scope.ServiceProvider.GetRequiredService<CheckpointPublisher>();
                var (checkpoint, witnesses) = await publisher.PublishAsync(false, options.CheckpointEveryEntries, TimeSpan.FromSeconds(options.CheckpointEverySeconds), Instants.Now(time), stoppingToken);
                foreach (var refused in witnesses.Where(w => w.Status != 200))
                {
                    WitnessRefused(log, refused.Witness, checkpoint.Size, refused.Status, refused.Problem);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(log, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Witness} did not cosign the checkpoint of size {Size}: {Status} {Problem}")]
    private static partial void WitnessRefused(ILogger logger, string witness, long size, int status, string? problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing a checkpoint failed")]
    private static partial void Failed(ILogger logger, Exception exception);
}
