using Custody.Common;
using Custody.CourtOrders;
using Custody.People;

namespace Custody.Core.Tests.CourtOrders;

/// <summary>Verifying and lifting court orders and class orders as pure decisions: the event each records, or why not.</summary>
public sealed class CourtOrderRulesTests
{
    private static readonly DateTime Issued = new(2025, 3, 15, 9, 52, 0, DateTimeKind.Utc);

    private static EnteredCourtOrder Order(bool verified = false, DateTime? liftedAt = null) =>
        new() { Id = Guid.NewGuid(), PersonId = Guid.NewGuid(), IssuedAt = Issued, Verified = verified, VerifiedBy = verified ? "user:court" : null, LiftedAt = liftedAt };

    private static ClassOrder Class(bool verified = false, DateTime? liftedAt = null) =>
        new() { Id = "co-1", IssuedAt = Issued, Verified = verified, VerifiedBy = verified ? "user:court" : null, LiftedAt = liftedAt };

    [Fact]
    public void ACourtOrder_IsVerifiedOnce()
    {
        var order = Order();

        Assert.Equal(new CourtOrderVerified(order.Id, order.PersonId), CourtOrderRules.Verify(order).Change);
        var verified = Order(verified: true);
        Assert.Equal($"Court order {verified.Id} is already verified (by user:court).", CourtOrderRules.Verify(verified).Refusal);
    }

    [Fact]
    public void ACourtOrder_IsLiftedOnce_AndNeverBeforeItWasIssued()
    {
        var order = Order();
        var lifted = Issued.AddDays(15);

        Assert.Equal(new CourtOrderLifted(order.Id, order.PersonId, lifted), CourtOrderRules.Lift(order, lifted).Change);
        Assert.Equal("liftedAt", Assert.IsType<Invalid>(CourtOrderRules.Lift(order, Issued.AddSeconds(-1)).Failure).Errors.Single().Field);
        var already = Order(liftedAt: lifted);
        Assert.Equal($"Court order {already.Id} was already lifted at {Instants.ToText(lifted)}.", CourtOrderRules.Lift(already, lifted.AddDays(1)).Refusal);
    }

    [Fact]
    public void AClassOrder_IsConfirmedOnce_AndLiftedOnce()
    {
        Assert.Equal(new ClassOrderVerified("co-1"), ClassOrderRules.Verify(Class()).Change);
        Assert.Equal("Class order co-1 is already the court's record (verified by user:court).", ClassOrderRules.Verify(Class(verified: true)).Refusal);

        var lifted = Issued.AddDays(15);
        var change = ClassOrderRules.Lift(Class(), lifted).Change!;
        Assert.Equal(("co-1", Instants.ToText(lifted)), (change.Id, change.Set["liftedAt"]!.GetValue<string>()));
        Assert.IsType<Invalid>(ClassOrderRules.Lift(Class(), Issued.AddSeconds(-1)).Failure);
        Assert.Equal($"Class order co-1 was already lifted at {Instants.ToText(lifted)}.", ClassOrderRules.Lift(Class(liftedAt: lifted), lifted).Refusal);
    }
}
