using Custody.Persistence;

namespace Custody.Core.Tests.Common;

/// <summary>
/// A PostgreSQL server on another machine is reached over TLS that checks its certificate, on every
/// path that opens the database (the app, the CLI, the benchmarks all parse the connection here).
/// </summary>
public sealed class DatabaseTransportTests
{
    [Theory]
    [InlineData("Host=/var/run/postgresql;Database=custody")]
    [InlineData("Host=localhost;Database=custody")]
    [InlineData("Host=127.0.0.1;Port=5433;Database=custody")]
    [InlineData("Host=::1;Database=custody")]
    [InlineData("Host=[::1]:5432,localhost:5433;Database=custody")]
    [InlineData("Host=db.example.org;Database=custody;SSL Mode=VerifyFull")]
    [InlineData("Host=db.example.org;Database=custody;SSL Mode=VerifyCA")]
    [InlineData("Host=db1.example.org:5432,db2.example.org;Database=custody;SSL Mode=VerifyFull")]
    public void ThisMachine_OrVerifiedTls_IsAccepted(string connection)
    {
        Assert.Equal(DatabaseProvider.Postgres, CustodyDatabase.Parse(connection).Provider);
    }

    [Theory]
    [InlineData("Host=db.example.org;Database=custody", "db.example.org", "Prefer")]
    [InlineData("Host=db.example.org;Database=custody;SSL Mode=Disable", "db.example.org", "Disable")]
    [InlineData("Host=db.example.org;Database=custody;SSL Mode=Allow", "db.example.org", "Allow")]
    [InlineData("Host=db.example.org;Database=custody;SSL Mode=Require", "db.example.org", "Require")]
    [InlineData("Host=10.0.0.5;Database=custody", "10.0.0.5", "Prefer")]
    [InlineData("Host=localhost,db2.example.org:5433;Database=custody", "db2.example.org", "Prefer")]
    [InlineData("Host=localhost.example.org;Database=custody", "localhost.example.org", "Prefer")]
    public void AnotherMachine_WithoutVerifiedTls_IsRefused(string connection, string host, string mode)
    {
        var refused = Assert.Throws<ArgumentException>(() => CustodyDatabase.Parse(connection));

        Assert.Contains(host, refused.Message, StringComparison.Ordinal);
        Assert.Contains($"SSL Mode={mode}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("VerifyFull", refused.Message, StringComparison.Ordinal);
    }
}
