using Microsoft.EntityFrameworkCore;

namespace Custody.Persistence;

/// <summary>Raised when the database would not keep committed data through a crash.</summary>
public sealed class DurabilityException(string message) : Exception(message);

/// <summary>Start-up checks and migration, shared by the web app and the CLI.</summary>
public static class DatabaseSetup
{
    private static readonly string[] PostgresSettings = ["fsync", "synchronous_commit", "full_page_writes"];

    /// <summary>
    /// Refuses a PostgreSQL server that runs with <c>fsync</c>, <c>synchronous_commit</c> or
    /// <c>full_page_writes</c> off: a ledger that can lose committed entries proves nothing.
    /// </summary>
    /// <exception cref="DurabilityException">A setting is off.</exception>
    public static async Task EnsureDurableAsync(CustodyDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        var off = new List<string>();
        foreach (var setting in PostgresSettings)
        {
            var value = await db.Database.SqlQuery<string>($"SELECT current_setting({setting}) AS \"Value\"").SingleAsync(cancellationToken);
            if (string.Equals(value, "off", StringComparison.OrdinalIgnoreCase))
            {
                off.Add(setting);
            }
        }
        if (off.Count > 0)
        {
            throw new DurabilityException($"PostgreSQL runs with {string.Join(", ", off)} off; Custody refuses to start on a server that can lose committed data. Turn {(off.Count == 1 ? "it" : "them")} on.");
        }
    }

    /// <summary>Checks durability, then applies pending migrations.</summary>
    public static async Task MigrateAsync(CustodyDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await EnsureDurableAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
