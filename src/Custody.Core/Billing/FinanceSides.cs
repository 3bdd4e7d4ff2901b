using Custody.Access;
using Custody.Common;

namespace Custody.Billing;

/// <summary>
/// The two sides of the money (DOMAIN.md): the sending state's finance officer pays, holds and
/// disputes; the receiving state's issues invoices and answers disputes. Whoever holds both roles is
/// refused on either side, whatever the policy in front of the command let through.
/// </summary>
public static class FinanceSides
{
    public static Failure? BothSides(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Roles is { } roles && roles.Contains(Roles.SendingFinanceOfficer) && roles.Contains(Roles.ReceivingFinanceOfficer)
            ? new Forbidden("No user acts on both sides of the money: this account holds both the sending and the receiving finance roles.")
            : null;
    }

    /// <summary>The finance role of the other side, for the one given; null for any other role.</summary>
    public static string? Opposite(string role) => role switch
    {
        Roles.SendingFinanceOfficer => Roles.ReceivingFinanceOfficer,
        Roles.ReceivingFinanceOfficer => Roles.SendingFinanceOfficer,
        _ => null,
    };
}
