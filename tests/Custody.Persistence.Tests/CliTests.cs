using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Custody.Persistence.Tests;

/// <summary>The <c>custody</c> command line, run as a process the way an operator runs it.</summary>
public sealed class CliTests
{
    internal sealed record Run(int ExitCode, string Out, string Error);

    /// <summary>Runs <c>custody</c> with the arguments and waits for it to exit.</summary>
    internal static async Task<Run> CustodyAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "custody.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("CUSTODY_DATABASE");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Run(process.ExitCode, await output, await error);
    }

    private static string TempFile(string name, string content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("custody-cli-").FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string FreshDatabase() => Path.Combine(Directory.CreateTempSubdirectory("custody-cli-").FullName, "data", "custody.db");

    private static async Task<long> LedgerLengthAsync(string database)
    {
        var verify = await CustodyAsync("ledger", "verify", "--database", database, "--json");
        Assert.Equal(0, verify.ExitCode);
        return JsonNode.Parse(verify.Out)!["entries"]!.GetValue<long>();
    }

    [Fact]
    public async Task ARemoteDatabaseWithoutVerifiedTls_IsRefused_BeforeAnyConnection()
    {
        // A documentation address (TEST-NET-1): were the CLI to connect, it would hang or time out, not answer at once.
        var run = await CustodyAsync("ledger", "verify", "--database", "Host=192.0.2.10;Database=custody;Username=custody;Timeout=2");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("SSL Mode=Prefer", run.Error, StringComparison.Ordinal);
        Assert.Contains("VerifyFull", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BothSampleFilesIntoFreshDatabase_SucceedsAndVerifies()
    {
        var database = FreshDatabase();

        var agreement = await CustodyAsync("import", TempFile("agreement.json", Samples.Agreement), "--database", database);
        var bundle = await CustodyAsync("import", TempFile("bundle.json", Samples.Bundle), "--database", database);
        var verify = await CustodyAsync("ledger", "verify", "--database", database);

        Assert.True(agreement.ExitCode == 0, agreement.Error);
        Assert.True(bundle.ExitCode == 0, bundle.Error);
        Assert.Contains("5 registered", bundle.Out, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("ledger ok: 11 entries", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SchemaErrorOrDuplicateId_Exits2WithPathsAndLeavesLedgerAsItWas()
    {
        var database = FreshDatabase();
        Assert.Equal(0, (await CustodyAsync("import", TempFile("agreement.json", Samples.Agreement), "--database", database)).ExitCode);
        var before = await LedgerLengthAsync(database);
        var duplicate = Samples.BundleObject();
        duplicate["persons"]![3]!["id"] = "S-0002";
        var schema = Samples.BundleObject();
        schema["persons"]![0]!["countryOfBirth"] = "El Salvador";

        var first = await CustodyAsync("import", TempFile("dup.json", duplicate.ToJsonString()), "--database", database);
        var second = await CustodyAsync("import", TempFile("schema.json", schema.ToJsonString()), "--database", database);

        Assert.Equal(2, first.ExitCode);
        Assert.Contains("/persons/3/id", first.Error, StringComparison.Ordinal);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("/persons/0/countryOfBirth", second.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", second.Error, StringComparison.Ordinal);
        Assert.Equal(before, await LedgerLengthAsync(database));
    }

    [Fact]
    public async Task Verify_AfterTampering_ExitsNonZeroNamingTheSeq()
    {
        var database = FreshDatabase();
        Assert.Equal(0, (await CustodyAsync("import", TempFile("bundle.json", Samples.Bundle), "--database", database)).ExitCode);
        await using (var db = CustodyDatabase.Parse(database).CreateContext())
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
                "UPDATE \"LedgerEntries\" SET \"Content\" = CAST(REPLACE(CAST(\"Content\" AS TEXT), 'Hughes', 'Hughez') AS BLOB) WHERE \"Kind\" = 'person.registered'");
        }

        var verify = await CustodyAsync("ledger", "verify", "--database", database);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("FAILED at entry seq", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ExpectHeadThatWasCutOff_Fails()
    {
        var database = FreshDatabase();
        Assert.Equal(0, (await CustodyAsync("import", TempFile("bundle.json", Samples.Bundle), "--database", database)).ExitCode);
        var head = JsonNode.Parse((await CustodyAsync("ledger", "verify", "--database", database, "--json")).Out)!;
        var noted = $"{head["entries"]}:{head["treeHash"]}";
        Assert.Equal(0, (await CustodyAsync("ledger", "verify", "--database", database, "--expect-head", noted)).ExitCode);
        await using (var db = CustodyDatabase.Parse(database).CreateContext())
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
                "DELETE FROM \"LedgerEntries\" WHERE \"Seq\" = (SELECT MAX(\"Seq\") FROM \"LedgerEntries\")");
        }

        var verify = await CustodyAsync("ledger", "verify", "--database", database, "--expect-head", noted);

        Assert.Equal(1, verify.ExitCode);
    }

    [Fact]
    public async Task DbMigrate_FreshPath_CreatesTheDatabase()
    {
        var database = FreshDatabase();

        var run = await CustodyAsync("db", "migrate", "--database", database);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task Import_MissingFile_Exits2()
    {
        var run = await CustodyAsync("import", "/nonexistent/bundle.json", "--database", FreshDatabase());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_SampleBundleAtSampleInstant_PrintsTheDocumentedTableAsJsonLines()
    {
        var database = FreshDatabase();
        Assert.Equal(0, (await CustodyAsync("import", TempFile("agreement.json", Samples.Agreement), "--database", database)).ExitCode);
        Assert.Equal(0, (await CustodyAsync("import", TempFile("bundle.json", Samples.Bundle), "--database", database)).ExitCode);

        var run = await CustodyAsync("screen", "--agreement", "us-sv-2025", "--at", "2025-03-20T12:00:00Z", "--format", "jsonl", "--database", database);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            """{"person":"S-0001","outcome":"eligible","reasons":[],"flags":[],"categories":["sv-nationals","convicted"]}""",
            """{"person":"S-0002","outcome":"blocked","reasons":["protection-covers-destination"],"flags":["no-criminal-conviction","represented-by-counsel"],"categories":["sv-nationals"]}""",
            """{"person":"S-0003","outcome":"blocked","reasons":["third-country-notice-missing","no-enacted-category"],"flags":["no-criminal-conviction","designation-unvalidated"],"categories":[]}""",
            """{"person":"S-0004","outcome":"eligible","reasons":[],"flags":[],"categories":["convicted"]}""",
            """{"person":"S-0005","outcome":"blocked","reasons":["sending-state-citizen","no-final-removal-order","third-country-notice-missing"],"flags":[],"categories":["convicted"]}""",
        ], run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Screen_TableForNamedPeople_EndsWithCountsByReason()
    {
        var database = FreshDatabase();
        Assert.Equal(0, (await CustodyAsync("import", TempFile("agreement.json", Samples.Agreement), "--database", database)).ExitCode);
        Assert.Equal(0, (await CustodyAsync("import", TempFile("bundle.json", Samples.Bundle), "--database", database)).ExitCode);

        var run = await CustodyAsync("screen", "--agreement", "us-sv-2025", "--at", "2025-03-20T12:00:00Z", "--person", "S-0003", "--person", "S-0005", "--database", database);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("S-0001", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 screened, 0 eligible, 2 blocked", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"\s2\s+third-country-notice-missing", run.Out);
    }

    [Theory]
    [InlineData("--agreement", "no-such-agreement")]
    [InlineData("--person", "S-9999")]
    [InlineData("--at", "20 March 2025")]
    [InlineData("--at", "2025-03-20T12:00:00")]
    public async Task Screen_UnknownIdsOrBadInstant_Exit2(string option, string value)
    {
        var database = FreshDatabase();
        Assert.Equal(0, (await CustodyAsync("import", TempFile("agreement.json", Samples.Agreement), "--database", database)).ExitCode);
        var args = new List<string> { "screen", "--agreement", "us-sv-2025", "--database", database };
        if (option == "--agreement")
        {
            args[2] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = await CustodyAsync([.. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvoiceDraft_PrintsTheMonthAsJson_AndRefusesABadMonth()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var (db, people) = await RegisterTests.AdmittedAsync(database, time, 1);
        await using (db)
        {
            time.SetUtcNow(new DateTimeOffset(2026, 3, 5, 15, 0, 0, TimeSpan.Zero));
            var check = await new Custody.Facilities.RecordWelfareCheck(db, time).HandleAsync(new Custody.Common.PersonId(people[0]),
                new Custody.Facilities.WelfareCheckRequest("ICRC delegate", null, "well", true, null, "verified-identifier"),
                new Custody.Access.Viewer("test:icrc", Roles: [Custody.Access.Roles.Inspector]));
            Assert.True(check.Succeeded);
        }

        var draft = await CustodyAsync("invoice", "draft", "--agreement", "us-sv-2025", "--month", "2026-03", "--format", "json", "--database", database.Connection);
        var bad = await CustodyAsync("invoice", "draft", "--agreement", "us-sv-2025", "--month", "2026-13", "--database", database.Connection);

        Assert.Equal(0, draft.ExitCode);
        var invoice = JsonNode.Parse(draft.Out)!;
        Assert.Equal(27, invoice["payableDays"]!.GetValue<int>()); // 5–31 March: the check on 5 March opens the window
        Assert.Equal(1479.33m, invoice["total"]!.GetValue<decimal>());
        Assert.Equal(3, invoice["withheldByReason"]!["no-recent-welfare-check"]!.GetValue<int>());
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--month", bad.Error, StringComparison.Ordinal);
    }
}
