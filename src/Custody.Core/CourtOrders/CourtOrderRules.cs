using Custody.Common;
using Custody.Ledger;

namespace Custody.CourtOrders;

/// <summary>
/// What an entered court order's record allows, as pure decisions: it is verified once, and lifted
/// once and never before the court issued it. Each returns the event to record, or why not.
/// </summary>
public static class CourtOrderRules
{
    public static Decision<CourtOrderVerified> Verify(EnteredCourtOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Verified
            ? Decision<CourtOrderVerified>.Refuse($"Court order {order.Id} is already verified (by {order.VerifiedBy}).")
            : new CourtOrderVerified(order.Id, order.PersonId);
    }

    /// <summary>Lifts the order at <paramref name="liftedAt"/> (UTC).</summary>
    public static Decision<CourtOrderLifted> Lift(EnteredCourtOrder order, DateTime liftedAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.LiftedAt is { } already)
        {
            return Decision<CourtOrderLifted>.Refuse($"Court order {order.Id} was already lifted at {Instants.ToText(already)}.");
        }
        return liftedAt < order.IssuedAt
            ? new Invalid([new FieldError("liftedAt", "An order cannot be lifted before it was issued.")])
            : new CourtOrderLifted(order.Id, order.PersonId, liftedAt);
    }
}
