using Custody.Persistence.Tests;
using Npgsql;

namespace Custody.Web.Tests;

/// <summary>
/// The real app on a fresh PostgreSQL database of the throw-away test cluster, for the tests that must
/// hold on both providers. The database is made when the app first starts (inside a test), so where
/// PostgreSQL is missing those tests are skipped saying why — or fail under CUSTODY_REQUIRE_POSTGRES=1.
/// </summary>
public sealed class PostgresWebFactory : CustodyWebFactory
{
    private readonly Lazy<string> _database = new(CreateDatabase);

    protected override string ConnectionString => _database.Value;

    private static string CreateDatabase()
    {
        var server = PostgresServer.Instance.Value;
        if (server.ConnectionString is null)
        {
            if (Environment.GetEnvironmentVariable("CUSTODY_REQUIRE_POSTGRES") == "1")
            {
                Assert.Fail(server.Unavailable!.Replace("skipped", "required (CUSTODY_REQUIRE_POSTGRES=1)", StringComparison.Ordinal));
            }
            Assert.Skip(server.Unavailable!);
        }
        var name = "custody_web_" + Guid.NewGuid().ToString("N")[..12];
        using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }
}
