using System.Text.Json.Nodes;
using Custody.Ledger;
using Custody.Common;
using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence.Tests;

public sealed class LedgerTests
{
    private static async Task<TestDatabase> SampleDatabaseAsync(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await using var db = database.NewContext();
        await Samples.ImportOkAsync(db, Samples.Agreement);
        await Samples.ImportOkAsync(db, Samples.Bundle);
        return database;
    }

    private static async Task<LedgerVerification> VerifyAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await new VerifyLedger(db).RunAsync();
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql, params object[] parameters)
    {
        await using var db = database.NewContext();
        await db.Database.ExecuteSqlRawAsync(sql, parameters);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_AnyOneByteOfAnyContentOrHashChanged_NamesThatEntry(string provider)
    {
        var database = await SampleDatabaseAsync(provider);
        List<LedgerEntry> entries;
        await using (var db = database.NewContext())
        {
            entries = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
        }
        var random = new Random(9162);
        foreach (var entry in entries)
        {
            foreach (var column in new[] { "Content", "LeafHash", "ChainHash" })
            {
                var original = column switch { "Content" => entry.Content, "LeafHash" => entry.LeafHash, _ => entry.ChainHash };
                var tampered = (byte[])original.Clone();
                tampered[random.Next(tampered.Length)] ^= (byte)(1 << random.Next(8));
                await ExecuteAsync(database, $"UPDATE \"LedgerEntries\" SET \"{column}\" = {{0}} WHERE \"Seq\" = {{1}}", tampered, entry.Seq);

                var result = await VerifyAsync(database);

                Assert.False(result.Ok, $"{column} of entry {entry.Seq} changed, yet verification passed");
                Assert.Equal(entry.Seq, result.FirstBadSeq);
                await ExecuteAsync(database, $"UPDATE \"LedgerEntries\" SET \"{column}\" = {{0}} WHERE \"Seq\" = {{1}}", original, entry.Seq);
            }
        }
        Assert.True((await VerifyAsync(database)).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_EntryDeletedFromTheMiddle_NamesTheMissingSeq(string provider)
    {
        var database = await SampleDatabaseAsync(provider);
        await ExecuteAsync(database, "DELETE FROM \"LedgerEntries\" WHERE \"Seq\" = 6");

        var result = await VerifyAsync(database);

        Assert.False(result.Ok);
        Assert.Equal(6, result.FirstBadSeq);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_EntriesCutFromTheEnd_AreCaughtAgainstAHeadNotedEarlier(string provider)
    {
        var database = await SampleDatabaseAsync(provider);
        var noted = await VerifyAsync(database);
        // The last entry (import.completed) changes no table, so only a noted head can reveal its loss.
        await ExecuteAsync(database, "DELETE FROM \"LedgerEntries\" WHERE \"Seq\" = {0}", noted.Entries);
        await using var db = database.NewContext();

        var result = await new VerifyLedger(db).RunAsync(knownHead: new KnownHead(noted.Entries, noted.TreeHash!));

        Assert.False(result.Ok);
        Assert.Equal(noted.Entries, result.FirstBadSeq);
        var earlier = MerkleTree.RootOf(await db.LedgerEntries.OrderBy(e => e.Seq).Select(e => e.LeafHash).ToListAsync());
        Assert.True((await new VerifyLedger(db).RunAsync(knownHead: new KnownHead(noted.Entries - 1, Convert.ToHexStringLower(earlier)))).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_StateRowEdited_NamesTableAndKey(string provider)
    {
        var database = await SampleDatabaseAsync(provider);
        Guid id;
        await using (var db = database.NewContext())
        {
            id = (await db.People.SingleAsync(p => p.ExternalId == "S-0003")).Id;
        }
        await ExecuteAsync(database, "UPDATE \"People\" SET \"FamilyName\" = 'Somebody Else' WHERE \"ExternalId\" = 'S-0003'");

        var result = await VerifyAsync(database);

        Assert.False(result.Ok);
        Assert.Null(result.FirstBadSeq);
        Assert.Equal("People", result.Table);
        Assert.Equal(id.ToString(), result.Key);
        Assert.Contains("FamilyName", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_StateRowInsertedOrDeletedOrVersionEdited_IsCaught(string provider)
    {
        var database = await SampleDatabaseAsync(provider);
        await ExecuteAsync(database, "DELETE FROM \"ClassOrders\"");
        var deleted = await VerifyAsync(database);
        Assert.Equal(("ClassOrders", "CO-1"), (deleted.Table, deleted.Key));

        var other = await SampleDatabaseAsync(provider);
        await ExecuteAsync(other, "UPDATE \"AgreementVersions\" SET \"Document\" = REPLACE(\"Document\", '300', '3000') WHERE \"Number\" = 2");
        var edited = await VerifyAsync(other);
        Assert.Equal(("AgreementVersions", "us-sv-2025/2"), (edited.Table, edited.Key));

        var third = await SampleDatabaseAsync(provider);
        await ExecuteAsync(third, "UPDATE \"LedgerNodes\" SET \"Hash\" = {0} WHERE \"Level\" = 1 AND \"Index\" = 0", new byte[32]);
        var node = await VerifyAsync(third);
        Assert.Equal(("LedgerNodes", "1/0"), (node.Table, node.Key));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_ColumnThatDisagreesWithHashedContent_IsCaught(string provider)
    {
        var database = await SampleDatabaseAsync(provider);
        await ExecuteAsync(database, "UPDATE \"LedgerEntries\" SET \"Actor\" = 'someone-else' WHERE \"Seq\" = 3");

        var result = await VerifyAsync(database);

        Assert.Equal(3, result.FirstBadSeq);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Append_ConcurrentWriters_NeverForkOrSkipASeq(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        const int writers = 6;
        const int appendsEach = 15;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                await using var db = database.NewContext();
                var written = await UnitOfWork.RunAsync(db, TimeProvider.System, work =>
                {
                    work.Record(new ImportCompleted("test", $"{w}-{i}"), $"test:writer-{w}");
                    return Task.FromResult(Result<bool>.Ok(true));
                });
                Assert.True(written.Succeeded);
            }
        })));

        await using var check = database.NewContext();
        var seqs = await check.LedgerEntries.OrderBy(e => e.Seq).Select(e => e.Seq).ToListAsync();
        Assert.Equal(Enumerable.Range(1, writers * appendsEach).Select(i => (long)i), seqs);
        var result = await new VerifyLedger(check).RunAsync();
        Assert.True(result.Ok, result.Problem);
    }

    [Fact]
    public async Task Append_WithoutTransaction_IsRefused()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var db = database.NewContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => LedgerWriter.OpenAsync(db, TimeProvider.System));
    }

    [Fact]
    public async Task Append_OccurredInTheFuture_IsRefused()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var db = database.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var ledger = await LedgerWriter.OpenAsync(db, TimeProvider.System);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ledger.Append(ImportCompleted.EntryKind, "x", [], "test", TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Content_IsByteIdenticalAfterStorage_AndHashesTheSameEverywhere(string provider)
    {
        var database = await SampleDatabaseAsync(provider);
        await using var db = database.NewContext();
        foreach (var entry in await db.LedgerEntries.AsNoTracking().ToListAsync())
        {
            var content = LedgerContent.Parse(entry.Content);
            Assert.Equal(entry.Content, content.ToCanonicalBytes());
            Assert.Equal(32, content.Salt.Length);
        }
    }
}
