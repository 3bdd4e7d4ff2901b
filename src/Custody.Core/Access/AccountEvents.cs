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
/// An administrator asked for a privileged role (<see cref="Roles.Privileged"/>) to be granted: it is
/// held only once a second administrator approves.
/// </summary>
public sealed record RoleGrantRequested(Guid Id, string User, string Role, string Reason) : ILedgerEvent<RoleGrantRequested>
{
    public static string EntryKind => "user.role-grant-requested";

    public string Subject() => "user:" + User;
}

/// <summary>A second administrator approved a requested grant; the <see cref="RoleGranted"/> entry that follows in the same transaction grants it.</summary>
public sealed record RoleGrantApproved(Guid Id, string User, string Role) : ILedgerEvent<RoleGrantApproved>
{
    public static string EntryKind => "user.role-grant-approved";

    public string Subject() => "user:" + User;
}

/// <summary>A requested grant was refused by an administrator, or withdrawn by the one who asked.</summary>
public sealed record RoleGrantRejected(Guid Id, string User, string Role, string Reason) : ILedgerEvent<RoleGrantRejected>
{
    public static string EntryKind => "user.role-grant-rejected";

    public string Subject() => "user:" + User;
}

/// <summary>
/// An administrator reset an account's sign-in: its password is removed, its sessions and tokens end,
/// and a new one-time link lets its holder set a password again.
/// </summary>
public sealed record SignInReset(string User, string Reason) : ILedgerEvent<SignInReset>
{
    public static string EntryKind => "user.sign-in-reset";

    public string Subject() => "user:" + User;
}

/// <summary>The account's holder set their password through their one-time link, or changed it giving the current one (the password itself is no ledger matter).</summary>
public sealed record PasswordSet(string User) : ILedgerEvent<PasswordSet>
{
    public static string EntryKind => "user.password-set";

    public string Subject() => "user:" + User;
}

/// <summary>The account's holder enrolled an authenticator app as their second factor (and received recovery codes).</summary>
public sealed record SecondFactorEnrolled(string User) : ILedgerEvent<SecondFactorEnrolled>
{
    public static string EntryKind => "user.second-factor-enrolled";

    public string Subject() => "user:" + User;
}

/// <summary>A recovery code was spent in place of the authenticator's code; how many are left.</summary>
public sealed record RecoveryCodeUsed(string User, int Left) : ILedgerEvent<RecoveryCodeUsed>
{
    public static string EntryKind => "user.recovery-code-used";

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
            .AuditOnly<RoleRevoked>(Why)
            .AuditOnly<SignInReset>("a sign-in reset changes the password and security stamp, which are no ledger matter")
            .AuditOnly<PasswordSet>("the password is no ledger matter; the entry says when the holder set it")
            .AuditOnly<SecondFactorEnrolled>("the authenticator key is no ledger matter; the entry says when the holder enrolled")
            .AuditOnly<RecoveryCodeUsed>("the codes are no ledger matter; the entry says one was spent")
            .Projects<RoleGrantRequest>()
            .On<RoleGrantRequested>((e, entry, store) => store.Add(new RoleGrantRequest
            {
                Id = e.Id, UserId = e.User, Role = e.Role, Reason = e.Reason, RequestedBy = entry.Actor, RequestedAt = entry.RecordedAt, LastSeq = entry.Seq,
            }))
            .On<RoleGrantApproved>((e, entry, store) => Decide(store, e.Id, RoleGrantRequest.Approved, entry))
            .On<RoleGrantRejected>((e, entry, store) => Decide(store, e.Id, RoleGrantRequest.Rejected, entry));
    }

    private static void Decide(IProjectionStore store, Guid id, string status, LedgerEntry entry)
    {
        var request = store.Find<RoleGrantRequest>(id) ?? throw new InvalidOperationException($"role grant request {id} does not exist");
        request.Status = status;
        request.DecidedBy = entry.Actor;
        request.DecidedAt = entry.RecordedAt;
        request.LastSeq = entry.Seq;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(UserDisabled))]
[JsonSerializable(typeof(UserEnabled))]
[JsonSerializable(typeof(RoleGranted))]
[JsonSerializable(typeof(RoleRevoked))]
[JsonSerializable(typeof(RoleGrantRequested))]
[JsonSerializable(typeof(RoleGrantApproved))]
[JsonSerializable(typeof(RoleGrantRejected))]
[JsonSerializable(typeof(SignInReset))]
[JsonSerializable(typeof(PasswordSet))]
[JsonSerializable(typeof(SecondFactorEnrolled))]
[JsonSerializable(typeof(RecoveryCodeUsed))]
internal sealed partial class AccessEventsJson : JsonSerializerContext;
