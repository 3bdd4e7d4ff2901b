using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Custody.Demo;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Infrastructure;

/// <summary>
/// On the first start of an empty database: the model agreement, about fifty fictitious people
/// covering every kind of legal fact, and one demo user per role, all through the same ledgered
/// commands as real data. Each demo user gets a password of their own, kept in a file of the data
/// folder that only its owner may read; the console and the log name the file, never a password.
/// </summary>
public sealed class DemoSeeder(CustodyDbContext db, UserManager<CustodyUser> users, RoleManager<IdentityRole> roles,
    TimeProvider time, IConfiguration configuration, ILogger<DemoSeeder> logger)
{
    private const string Actor = "system:demo-seed";
    // 43 generated + the 5 people of the sample bundle + 2 arrivals at the receiving prison = 50 demo people,
    // and the story's people held at the receiving prison and travelling.
    public const int GeneratedPeople = 43;

    /// <summary>Everyone the demo data registers.</summary>
    public const int DemoPeople = GeneratedPeople + 5 + 2 + DemoScenes.HeldPeople + DemoScenes.TravellingPeople;

    /// <summary>The demo user for a role. Counsel's address matches the counsel of record in the demo cases.</summary>
    public static string EmailFor(string role) => role == Roles.Counsel ? "counsel@example.org" : $"{role}@demo.custody.example";

    /// <summary>A sending-state processing centre and the receiving state's prison (fictitious contact details).</summary>
    public static readonly IReadOnlyList<Custody.Facilities.RegisterFacilityRequest> DemoFacilities =
    [
        new("us-processing-centre", "Southern Processing Centre (demo)", "US", "processing-centre", "1 Staging Road, Alexandria, LA 71301, United States", "+1 318 555 0100", "America/Chicago"),
        new("sv-cecot", "Centro de Confinamiento del Terrorismo (CECOT)", "SV", "prison", "Carretera a Tecoluca km 75, Tecoluca, San Vicente, El Salvador", "+503 2500 0000", "America/El_Salvador"),
        new("sv-izalco", "Centro Penal de Izalco (demo)", "SV", "prison", "Cantón Cuyuapa Arriba, Izalco, Sonsonate, El Salvador", "+503 2400 0000", "America/El_Salvador"),
    ];

    /// <summary>
    /// The receiving prison as reported (8 blocks of 32 cells of 100 m², 80 bunks, 2 toilets, lights
    /// on 24 h, design capacity over 150 a cell) and a smaller prison of 2 units of 10 cells.
    /// </summary>
    public static IEnumerable<Custody.Facilities.RegisterCellRequest> DemoCells()
    {
        foreach (var block in "ABCDEFGH")
        {
            for (var n = 1; n <= 32; n++)
            {
                yield return new("sv-cecot", block.ToString(), n.ToString("D2", CultureInfo.InvariantCulture), 100m, true, 80, 2, 2, 1200m, 24, "mechanical", 156, 80);
            }
        }
        foreach (var unit in new[] { "Norte", "Sur" })
        {
            for (var n = 1; n <= 10; n++)
            {
                yield return new("sv-izalco", unit, n.ToString("D2", CultureInfo.InvariantCulture), 30m, true, 8, 1, 1, 240m, 14, "natural", 8, 8);
            }
        }
    }

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        // Demo data and users go into an empty database only: never beside real records.
        if (await db.Users.AnyAsync(cancellationToken) || await db.LedgerEntries.AnyAsync(cancellationToken))
        {
            return;
        }
        // The story starts weeks ago (DemoScenes): the agreement, the facilities and the people held since then first.
        var clock = new DemoClock(time) { Back = DemoScenes.StoryLength };
        var import = new ImportFile(db, clock);
        var agreement = Encoding.UTF8.GetBytes(FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json"));
        await Require(import.HandleAsync(() => new MemoryStream(agreement), Actor, null, cancellationToken));
        var facilities = new Custody.Facilities.RegisterFacility(db, clock);
        foreach (var facility in DemoFacilities)
        {
            if ((await facilities.HandleAsync(facility, Actor, cancellationToken)).Failure is { } failure)
            {
                throw new InvalidOperationException($"Demo facility {facility.Id} failed: {failure.Message}");
            }
        }
        var cells = await new Custody.Facilities.RegisterCells(db, clock).HandleAsync(DemoCells().ToList(), new Custody.Access.Viewer(Actor), cancellationToken);
        if (cells.Failure is { } cellFailure)
        {
            throw new InvalidOperationException($"Demo cells failed: {cellFailure.Message}");
        }
        var scenes = new DemoScenes(db, clock);
        await scenes.HeldAsync(cancellationToken);

        using var bundle = new MemoryStream();
        new CaseBundleGenerator().Write(bundle, GeneratedPeople, "DEMO", includeSample: true);
        var bytes = bundle.ToArray();
        await Require(import.HandleAsync(() => new MemoryStream(bytes), Actor, null, cancellationToken));

        // One password for every demo user only when a test sets it; otherwise each their own.
        var shared = configuration["Custody:DemoPassword"] is { Length: > 0 } configured ? configured : null;
        var passwords = Roles.All.ToDictionary(role => role, _ => shared ?? NewPassword());
        await UnitOfWork.RunAsync(db, time, async work =>
        {
            foreach (var role in Roles.All)
            {
                var user = new CustodyUser { UserName = EmailFor(role), Email = EmailFor(role), EmailConfirmed = true, DisplayName = $"Demo {role}" };
                Custody.Access.IdentityResults.Require(await users.CreateAsync(user, passwords[role]));
                Custody.Access.IdentityResults.Require(await users.AddToRoleAsync(user, role));
                work.Record(new UserCreated(user.Id, user.Email, [role]), Actor);
            }
            return Custody.Common.Result<bool>.Ok(true);
        }, cancellationToken);
        await SeedManifestAsync(cancellationToken);
        await SeedArrivalsAsync(cancellationToken);
        await scenes.PresentAsync(cancellationToken);
        Announce(passwords);
    }

    // Two people handed over at the receiving prison, awaiting admission, so the register has work to show.
    private async Task SeedArrivalsAsync(CancellationToken cancellationToken)
    {
        var arrivals = new[] { EligiblePerson.Create("DEMO-ARR-1", "Rosa", "Martínez"), EligiblePerson.Create("DEMO-ARR-2", "José", "Hernández") };
        var bytes = Encoding.UTF8.GetBytes(EligiblePerson.Bundle(arrivals));
        await Require(new ImportFile(db, time).HandleAsync(() => new MemoryStream(bytes), Actor, null, cancellationToken));
        var people = await db.People.AsNoTracking().Where(p => p.ExternalId.StartsWith("DEMO-ARR-")).OrderBy(p => p.ExternalId)
            .Select(p => new { p.Id, p.ExternalId }).ToListAsync(cancellationToken);
        await DemoMovement.HandOverAsync(db, time, "us-sv-2025", "us-processing-centre", "sv-cecot", people.Select(p => (p.Id, p.ExternalId)).ToList(), cancellationToken);
    }

    // A draft movement with the first demo people who pass nomination screening, so the board is not empty.
    private async Task SeedManifestAsync(CancellationToken cancellationToken)
    {
        var supervisor = new Custody.Access.Viewer(Actor);
        var created = await new Custody.Transfers.CreateManifest(db, time).HandleAsync(new Custody.Transfers.CreateManifestRequest("us-sv-2025", "Demo Air", "DA-101", "us-processing-centre", "sv-cecot",
            Custody.Common.Instants.ToText(Custody.Common.Instants.Now(time).AddDays(2))), supervisor, cancellationToken);
        if (created.Value is not { } manifest)
        {
            throw new InvalidOperationException($"Demo manifest failed: {created.Failure}");
        }
        var people = await db.People.AsNoTracking().OrderBy(p => p.ExternalId).Select(p => p.Id).ToListAsync(cancellationToken);
        var added = 0;
        var add = new Custody.Transfers.AddToManifest(db, time);
        foreach (var person in people)
        {
            var role = added < 3 ? Custody.Transfers.ManifestRoles.Principal : Custody.Transfers.ManifestRoles.Alternate;
            if ((await add.HandleAsync(new Custody.Common.ManifestId(manifest.Id), new Custody.Transfers.AddToManifestRequest(new Custody.Common.PersonId(person), role), supervisor,
                cancellationToken)).Succeeded && ++added == 4)
            {
                break;
            }
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The name of the file, in the data folder, that holds the demo users' passwords.</summary>
    public const string CredentialsFile = "demo-credentials.txt";

    private void Announce(Dictionary<string, string> passwords)
    {
        var lines = new StringBuilder();
        lines.AppendLine("Custody demo users (fictitious data): role, e-mail, password");
        foreach (var role in Roles.All)
        {
            lines.AppendLine(CultureInfo.InvariantCulture, $"{role}\t{EmailFor(role)}\t{passwords[role]}");
        }
        var directory = configuration["Custody:DataDirectory"] ?? "data";
        Directory.CreateDirectory(directory);
        var file = Path.GetFullPath(Path.Combine(directory, CredentialsFile));
        // Made owner-only while still empty, before a password is written into it.
        File.WriteAllText(file, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.WriteAllText(file, lines.ToString());
        Console.WriteLine($"Custody demo users created: one per role, each with a password of their own, listed in {file} (readable by its owner only).");
        logger.LogInformation("Demo users created; credentials written to {File}", file);
    }

    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return "Demo-" + RandomNumberGenerator.GetString(alphabet, 12) + "-7a!";
    }

    private static async Task Require(Task<Custody.Common.Result<ImportSummary>> import)
    {
        var result = await import;
        if (result.Failure is { } failure)
        {
            throw new InvalidOperationException($"Demo data failed to import: {failure.Message}");
        }
    }

}

/// <summary>
/// Migrates (after the durability check), checks that the ledger still extends the latest final
/// checkpoint (the app refuses to start on a rewritten or truncated ledger), and seeds, before the
/// app takes requests.
/// </summary>
public static class StartupInitialization
{
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        await TransparencyRegistration.EnsureLedgerExtendsCheckpointAsync(scope.ServiceProvider, db);
        // Demo data only where asked: in Development (the README's `dotnet run`), or by setting.
        if (app.Configuration.GetValue<bool?>("Custody:SeedDemoData") ?? app.Environment.IsDevelopment())
        {
            await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync();
        }
        else if (!await db.Users.AnyAsync())
        {
            app.Logger.LogWarning("No accounts yet. Create the first administrator with: custody users create-admin EMAIL --name NAME --reason \"first administrator\" --database \"...\" " +
                "(it prints a one-time link through which they set their password; they then create the other accounts).");
        }
    }
}
