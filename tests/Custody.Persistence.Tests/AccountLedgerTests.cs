using System.Text.Json.Nodes;
using Custody.Access;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence.Tests;

/// <summary>
/// Accounts and role grants are ledgered through every path an operator has (the CLI here), and
/// verification rebuilds who holds which role: a grant written into the database by SQL is named.
/// </summary>
public sealed class AccountLedgerTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AccountChangesByCli_AreLedgered_AndVerify(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var db = database.Connection;

        var created = await CliTests.CustodyAsync("users", "create", "ana@court.example", "--role", Roles.Counsel, "--name", "Ana", "--reason", "appointed counsel", "--database", db);
        var granted = await CliTests.CustodyAsync("users", "grant", "ana@court.example", Roles.Inspector, "--reason", "now a monitor", "--database", db);
        var revoked = await CliTests.CustodyAsync("users", "revoke", "ana@court.example", Roles.Counsel, "--reason", "left practice", "--database", db);
        var disabled = await CliTests.CustodyAsync("users", "disable", "ana@court.example", "--reason", "left the court", "--database", db);
        var again = await CliTests.CustodyAsync("users", "disable", "ana@court.example", "--reason", "twice", "--database", db);
        var badRole = await CliTests.CustodyAsync("users", "grant", "ana@court.example", "superuser", "--reason", "x", "--database", db);
        var bidi = await CliTests.CustodyAsync("users", "create", "eve@x.example", "--role", Roles.Auditor, "--name", "Eve\u202Eetsil", "--reason", "x", "--database", db);
        var bothSides = await CliTests.CustodyAsync("users", "create", "cfo@x.example", "--role", Roles.SendingFinanceOfficer, "--role", Roles.ReceivingFinanceOfficer, "--reason", "x", "--database", db);
        var verify = await CliTests.CustodyAsync("ledger", "verify", "--database", db, "--json");

        foreach (var run in new[] { created, granted, revoked, disabled })
        {
            Assert.True(run.ExitCode == 0, run.Error);
        }
        Assert.Contains("one-time link (open on the Custody site before ", created.Out, StringComparison.Ordinal);
        Assert.Contains("/Account/SetPassword?token=", created.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already disabled", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("role: 'superuser' is not a role", badRole.Error, StringComparison.Ordinal);
        Assert.Equal(2, bidi.ExitCode);
        Assert.Contains("displayName: Contains a bidirectional override (U+202E)", bidi.Error, StringComparison.Ordinal);
        Assert.Equal(2, bothSides.ExitCode);
        Assert.Contains("No account holds both the sending and the receiving finance roles", bothSides.Error, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
        await using var context = database.NewContext();
        var kinds = await context.LedgerEntries.Where(e => e.Kind.StartsWith("user.")).OrderBy(e => e.Seq).Select(e => e.Kind).ToListAsync();
        Assert.Equal(["user.created", "user.role-granted", "user.role-revoked", "user.disabled"], kinds);
        Assert.All(await context.LedgerEntries.Where(e => e.Kind.StartsWith("user.")).Select(e => e.Actor).ToListAsync(), a => Assert.StartsWith("cli:", a, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RoleInsertedBySql_IsReportedByVerification(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        Assert.Equal(0, (await CliTests.CustodyAsync("users", "create", "counsel@firm.example", "--role", Roles.Counsel, "--reason", "appointed", "--database", database.Connection)).ExitCode);
        string user;
        await using (var db = database.NewContext())
        {
            user = await db.Users.Select(u => u.Id).SingleAsync();
            var role = await db.Roles.Where(r => r.Name == Roles.CaseOfficer).Select(r => r.Id).SingleAsync();
            // One SQL insert makes counsel a case officer.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"AspNetUserRoles\" (\"UserId\", \"RoleId\") VALUES ({0}, {1})", user, role);
        }

        var verify = await CliTests.CustodyAsync("ledger", "verify", "--database", database.Connection, "--json");

        Assert.Equal(1, verify.ExitCode);
        var result = JsonNode.Parse(verify.Out)!;
        Assert.Equal("AspNetUserRoles", result["table"]!.GetValue<string>());
        Assert.Equal($"{user}/{Roles.CaseOfficer}", result["key"]!.GetValue<string>());
        Assert.Equal("a role held without a ledger entry granting it", result["problem"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AccountInsertedOrUnlockedBySql_IsReportedByVerification(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        Assert.Equal(0, (await CliTests.CustodyAsync("users", "create", "a@x.example", "--role", Roles.Auditor, "--reason", "r", "--database", database.Connection)).ExitCode);
        Assert.Equal(0, (await CliTests.CustodyAsync("users", "disable", "a@x.example", "--reason", "r", "--database", database.Connection)).ExitCode);
        await using (var db = database.NewContext())
        {
            await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, (DateTimeOffset?)null));
        }

        var unlocked = JsonNode.Parse((await CliTests.CustodyAsync("ledger", "verify", "--database", database.Connection, "--json")).Out)!;
        await using (var db = database.NewContext())
        {
            await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, (DateTimeOffset?)DateTimeOffset.MaxValue));
            db.Users.Add(new CustodyUser { Id = "intruder", UserName = "i@x.example", Email = "i@x.example" });
            await db.SaveChangesAsync();
        }
        var inserted = JsonNode.Parse((await CliTests.CustodyAsync("ledger", "verify", "--database", database.Connection, "--json")).Out)!;

        Assert.Equal("the ledger disabled this account but it can sign in", unlocked["problem"]!.GetValue<string>());
        Assert.Equal("AspNetUsers", inserted["table"]!.GetValue<string>());
        Assert.Equal("intruder", inserted["key"]!.GetValue<string>());
        Assert.Equal("an account that no ledger entry created", inserted["problem"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PrivilegedRoles_WaitForASecondAdministrator_AndTheCliBootstrapsOnlyTwo(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var db = database.Connection;

        var first = await CliTests.CustodyAsync("users", "create-admin", "admin1@gov.example", "--name", "First", "--reason", "first administrator", "--database", db);
        var second = await CliTests.CustodyAsync("users", "create-admin", "admin2@gov.example", "--reason", "second administrator", "--database", db);
        var third = await CliTests.CustodyAsync("users", "create-admin", "admin3@gov.example", "--reason", "one too many", "--database", db);
        var court = await CliTests.CustodyAsync("users", "create", "judge@court.example", "--role", Roles.CourtUser, "--role", Roles.Inspector, "--reason", "appointed", "--database", db);
        var requests = await CliTests.CustodyAsync("users", "requests", "--database", db);
        var id = requests.Out.Split('\t')[0].Trim();
        // The operator asked for the grant at the terminal; the same operator may not approve it.
        var selfApproval = await CliTests.CustodyAsync("users", "approve", id, "--database", db);
        var again = await CliTests.CustodyAsync("users", "grant", "judge@court.example", Roles.CourtUser, "--reason", "twice", "--database", db);
        var firstLeaves = await CliTests.CustodyAsync("users", "disable", "admin1@gov.example", "--reason", "left", "--database", db);
        var lastAdmin = await CliTests.CustodyAsync("users", "disable", "admin2@gov.example", "--reason", "the last one now", "--database", db);
        var verify = await CliTests.CustodyAsync("ledger", "verify", "--database", db, "--json");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("roles administrator", first.Out, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(1, third.ExitCode);
        Assert.Contains("Two administrators already exist", third.Error, StringComparison.Ordinal);
        Assert.True(court.ExitCode == 0, court.Error);
        Assert.Contains($"roles {Roles.Inspector}; waiting for approval: {Roles.CourtUser}", court.Out, StringComparison.Ordinal);
        Assert.Contains("judge@court.example\tcourt-user\tasked for by cli:", requests.Out, StringComparison.Ordinal);
        Assert.Equal(1, selfApproval.ExitCode);
        Assert.Contains("A second administrator must approve", selfApproval.Error, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already waits for approval", again.Error, StringComparison.Ordinal);
        Assert.True(firstLeaves.ExitCode == 0, firstLeaves.Error);
        Assert.Equal(1, lastAdmin.ExitCode);
        Assert.Contains("last enabled administrator", lastAdmin.Error, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
        await using var context = database.NewContext();
        var judge = await context.Users.SingleAsync(u => u.Email == "judge@court.example");
        Assert.Null(judge.PasswordHash);
        var roles = await (from ur in context.UserRoles join r in context.Roles on ur.RoleId equals r.Id where ur.UserId == judge.Id select r.Name).ToListAsync();
        Assert.Equal([Roles.Inspector], roles);
        Assert.Equal(RoleGrantRequest.Pending, (await context.RoleGrantRequests.SingleAsync()).Status);
    }
}
