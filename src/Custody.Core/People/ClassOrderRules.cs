using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;

namespace Custody.People;

/// <summary>
/// What a class order's record allows, as pure decisions: confirmed against the court's record
/// once, and lifted once and never before the court issued it. Each returns the event to record,
/// or why not.
/// </summary>
public static class ClassOrderRules
{
    public static Decision<ClassOrderVerified> Verify(ClassOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Verified
            ? Decision<ClassOrderVerified>.Refuse($"Class order {order.Id} is already the court's record (verified by {order.VerifiedBy}).")
            : new ClassOrderVerified(order.Id);
    }

    /// <summary>Lifts the order at <paramref name="liftedAt"/> (UTC).</summary>
    public static Decision<ClassOrderUpdated> Lift(ClassOrder order, DateTime liftedAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.LiftedAt is { } already)
        {
            return Decision<ClassOrderUpdated>.Refuse($"Class order {order.Id} was already lifted at {Instants.ToText(already)}.");
        }
        return liftedAt < order.IssuedAt
            ? new Invalid([new FieldError("liftedAt", "An order cannot be lifted before it was issued.")])
            : new ClassOrderUpdated(order.Id, new JsonObject { ["liftedAt"] = Instants.ToText(liftedAt) }, []);
    }
}
