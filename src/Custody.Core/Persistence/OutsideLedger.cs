using Custody.Idempotency;
using Custody.Ledger;

namespace Custody.Persistence;

/// <summary>
/// The tables the ledger does not produce, each with the reason. Every other entity type of the
/// model is projected from the ledger and rebuilt and compared by verification; a test holds the
/// model to exactly this split, so a new table cannot be left unverified by omission.
/// </summary>
public static class OutsideLedger
{
    private static readonly Dictionary<Type, string> Reasons = new()
    {
        [typeof(LedgerEntry)] = "the ledger itself: its hashes are what verification checks",
        [typeof(LedgerNode)] = "subtree hashes of the ledger's Merkle tree, recomputed and compared by verification",
        [typeof(Transparency.LedgerCheckpoint)] = "signed tree heads: they commit to the ledger from outside it, and are checked against it",
        [typeof(IdempotentRequest)] = "a cache of HTTP responses for retried requests; it records no fact",
    };

    /// <summary>Why the ledger does not produce this entity type's rows, or null when it does.</summary>
    public static string? Why(Type entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        if (Reasons.TryGetValue(entityType, out var reason))
        {
            return reason;
        }
        // Accounts, roles, claims, logins, tokens, passkeys: ASP.NET Core Identity's tables. Password
        // hashes and security stamps are no ledger matter, so the rows are not rebuilt; but who holds
        // which role, and whether an account is enabled, is ledgered and compared (AccountsReplay).
        return entityType == typeof(CustodyUser) || entityType.Namespace == "Microsoft.AspNetCore.Identity"
            ? "kept by ASP.NET Core Identity; accounts, their enabled state and role grants are rebuilt from the ledger and compared by AccountsReplay"
            : null;
    }
}
