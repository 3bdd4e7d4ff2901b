using System.Net;
using System.Net.Http.Json;
using Custody.Persistence;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>A production start: no demo people, no demo users (only Development seeds unless told).</summary>
public sealed class ProductionStartFactory : CustodyWebFactory
{
    protected override string EnvironmentName => "Production";

    protected override bool? SeedDemoData => null;
}

/// <summary>A development start as the README's command makes it: demo data, each demo user with a password of their own.</summary>
public sealed class DevelopmentStartFactory : CustodyWebFactory
{
    protected override string EnvironmentName => "Development";

    protected override bool? SeedDemoData => null;

    protected override string? SharedDemoPassword => null;
}

public sealed class DemoDataTests(ProductionStartFactory production, DevelopmentStartFactory development)
    : IClassFixture<ProductionStartFactory>, IClassFixture<DevelopmentStartFactory>
{
    [Fact]
    public async Task AProductionStart_SeedsNoPeopleAndNoUsers()
    {
        production.Anonymous(); // starts the app
        using var scope = production.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();

        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.False(File.Exists(Path.Combine(production.DataDirectory, DemoSeeder.CredentialsFile)));
    }

    [Fact]
    public async Task ADevelopmentStart_GivesEachDemoUserAPasswordOfTheirOwn_InAnOwnerOnlyFile()
    {
        development.Anonymous(); // starts the app
        var file = Path.Combine(development.DataDirectory, DemoSeeder.CredentialsFile);
        var users = File.ReadAllLines(file).Skip(1).Select(l => l.Split('\t')).ToList();
        var reception = users.Single(u => u[0] == Roles.ReceptionOfficer);

        var token = await development.Anonymous().PostAsJsonAsync("/api/auth/token", new { email = reception[1], password = reception[2] });
        var wrong = await development.Anonymous().PostAsJsonAsync("/api/auth/token", new { email = reception[1], password = users.Single(u => u[0] == Roles.Auditor)[2] });

        Assert.Equal(Roles.All.Count, users.Count);
        Assert.Equal(users.Count, users.Select(u => u[2]).Distinct().Count());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task TheDatabaseFile_ItsWal_AndTheKeyFolder_AreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        // A write, so that the write-ahead log exists.
        await development.Anonymous().PostAsJsonAsync("/api/auth/token", new { email = "nobody@example.org", password = "x" });
        using (var scope = development.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
            await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE t (x INTEGER)");
        }

        var database = Path.Combine(development.DataDirectory, "custody.db");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
        if (File.Exists(database + "-wal"))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database + "-wal"));
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(development.DataDirectory, "keys")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(development.DataDirectory, "idempotency.key")));
    }
}
