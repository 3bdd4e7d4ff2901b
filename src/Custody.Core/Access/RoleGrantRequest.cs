namespace Custody.Access;

/// <summary>
/// A privileged role asked for by one administrator and waiting for a second one's approval (the
/// two-person rule of <see cref="Roles.Privileged"/>). A projection of the account entries.
/// </summary>
public sealed class RoleGrantRequest
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public Guid Id { get; set; }

    /// <summary>The account that would hold the role (Identity's user id).</summary>
    public string UserId { get; set; } = "";

    public string Role { get; set; } = "";

    public string Reason { get; set; } = "";

    public string Status { get; set; } = Pending;

    /// <summary>The ledger actor who asked; they may not approve it themselves.</summary>
    public string RequestedBy { get; set; } = "";

    public DateTime RequestedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public long LastSeq { get; set; }
}
