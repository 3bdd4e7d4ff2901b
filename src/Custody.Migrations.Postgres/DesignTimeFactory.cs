using Custody.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Custody.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL; no database is opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CustodyDbContext>
{
    public CustodyDbContext CreateDbContext(string[] args) => CustodyDatabase.Parse("Host=localhost;Database=custody_design").CreateContext();
}
