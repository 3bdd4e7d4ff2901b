using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Access;

/// <summary>An account was disabled: it can no longer sign in (its sessions end at their next check).</summary>
public sealed record UserDisabled(string User, string Reason) : ILedgerEvent<UserDisabled>
{
    public static string EntryKind => "user.disabled";

    public string Subject() => "user:" + User;
}

/// <summary>A disabled account was enabled again.</summary>
public sealed record UserEnabled(string User, string Reason) : ILedgerEvent<UserEnabled>
{
    public static string EntryKind => "user.enabled";

    public string Subject() => "user:" + User;
}

/// <summary>A role was granted to an account, and why.</summary>
public sealed record RoleGranted(string User, string Role, string Reason) : ILedgerEvent<RoleGranted>
{
    public static string EntryKind => "user.role-granted";

    public string Subject() => "user:" + User;
}

/// <summary>A role was taken from an account, and why.</summary>
public sealed record RoleRevoked(string User, string Role, string Reason) : ILedgerEvent<RoleRevoked>
{
    public static string EntryKind => "user.role-revoked";

    public string Subject() => "user:" + User;
}

/// <summary>
/// The account kinds. They change the Identity tables, which are not rebuilt row by row (password
/// hashes and security stamps are no ledger matter); <see cref="AccountsReplay"/> rebuilds from them
/// who holds which role and whether each account is enabled, and verification compares that with the
/// Identity tables.
/// </summary>
public static class AccountEvents
{
    private const string Why = "accounts: rebuilt by AccountsReplay and compared with the Identity tables";

    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AuditOnly<UserCreated>(Why)
            .AuditOnly<UserDisabled>(Why)
            .AuditOnly<UserEnabled>(Why)
            .AuditOnly<RoleGranted>(Why)
            .AuditOnly<RoleRevoked>(Why);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(UserDisabled))]
[JsonSerializable(typeof(UserEnabled))]
[JsonSerializable(typeof(RoleGranted))]
[JsonSerializable(typeof(RoleRevoked))]
internal sealed partial class AccessEventsJson : JsonSerializerContext;
