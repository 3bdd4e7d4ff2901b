using Custody.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Custody.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite; no database is opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CustodyDbContext>
{
    public CustodyDbContext CreateDbContext(string[] args) => CustodyDatabase.Parse("Data Source=design-time.db").CreateContext();
}
