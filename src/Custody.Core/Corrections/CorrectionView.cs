using Custody.Access;

namespace Custody.Corrections;

public sealed record CorrectionView(Guid Id, Guid PersonId, string Target, Guid TargetId, string? Field, string OldValue, string NewValue, string Reason, string Side,
    string ProposedBy, DateTime ProposedAt, string Status, string? DecidedBy, DateTime? DecidedAt, string? DecisionReason)
{
    public static CorrectionView Of(Correction c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.PersonId, c.Target, c.TargetId, c.Field, c.OldValue, c.NewValue, c.Reason, c.Side, c.ProposedBy, c.ProposedAt, c.Status, c.DecidedBy,
            c.DecidedAt, c.DecisionReason);
    }
}

/// <summary>
/// The side responsible for a record, whose users (other than the proposer) decide its correction:
/// the custodian's side for a custody record, the receiving side for the register.
/// </summary>
public static class CorrectionSides
{
    public const string Sending = "sending";
    public const string Receiving = "receiving";

    /// <summary>The roles that act for each side on records (DOMAIN.md).</summary>
    public static IReadOnlyList<string> RolesOf(string side) => side == Sending
        ? [Roles.CaseOfficer, Roles.LegalReviewer, Roles.TransferSupervisor]
        : [Roles.ReceptionOfficer, Roles.FacilityDirector];
}
