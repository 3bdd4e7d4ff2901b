using Custody.Persistence;

namespace Custody.Web.Infrastructure;

/// <summary>
/// Chooses the database: <c>ConnectionStrings:Custody</c> in configuration, else the
/// <c>CUSTODY_DATABASE</c> environment variable, else <c>./data/custody.db</c> (SQLite).
/// </summary>
public static class DatabaseRegistration
{
    public static CustodyDatabase AddCustodyDatabase(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration.GetConnectionString("Custody");
        var database = CustodyDatabase.Parse(string.IsNullOrWhiteSpace(configured)
            ? Environment.GetEnvironmentVariable(CustodyDatabase.EnvironmentVariable)
            : configured);
        builder.Services.AddSingleton(database);
        // Pooled: the public locator creates a context per request. Nothing but the ledger writer lives on a context,
        // and the unit of work clears it when it ends.
        builder.Services.AddDbContextPool<CustodyDbContext>(database.Configure);
        return database;
    }
}
