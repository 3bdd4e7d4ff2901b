using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Custody.Persistence.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Sqlite_EveryConnection_RunsWalWithSynchronousFull()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        // Several contexts in turn: the pooled native connection is configured once and stays so.
        for (var i = 0; i < 3; i++)
        {
            await using var db = database.NewContext();
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();

            await using var journal = new SqliteCommand("PRAGMA journal_mode", connection);
            await using var synchronous = new SqliteCommand("PRAGMA synchronous", connection);
            await using var foreignKeys = new SqliteCommand("PRAGMA foreign_keys", connection);

            Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());
            Assert.Equal(2L, (long?)await synchronous.ExecuteScalarAsync()); // 2 = FULL
            Assert.Equal(1L, (long?)await foreignKeys.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Postgres_SynchronousCommitOff_RefusesToStart()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        var relaxed = new NpgsqlConnectionStringBuilder(database.Connection) { Options = "-c synchronous_commit=off" }.ConnectionString;
        await using var db = CustodyDatabase.Parse(relaxed).CreateContext();

        var refused = await Assert.ThrowsAsync<DurabilityException>(() => DatabaseSetup.MigrateAsync(db));

        Assert.Contains("synchronous_commit", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_DurableServer_IsAccepted()
    {
        var database = await TestDatabases.CreateAsync(TestDatabases.Postgres);
        await using var db = database.NewContext();

        await DatabaseSetup.EnsureDurableAsync(db);
    }

    [Theory]
    [InlineData("Host=db.example;Database=custody;Username=custody;SSL Mode=VerifyFull", DatabaseProvider.Postgres)]
    [InlineData("Host=/var/run/postgresql;Database=custody", DatabaseProvider.Postgres)]
    [InlineData("data/custody.db", DatabaseProvider.Sqlite)]
    [InlineData("Data Source=/tmp/x.db", DatabaseProvider.Sqlite)]
    [InlineData(null, DatabaseProvider.Sqlite)]
    public void Parse_ConnectionStringOrPath_SelectsProvider(string? value, DatabaseProvider expected)
    {
        Assert.Equal(expected, CustodyDatabase.Parse(value).Provider);
    }
}
