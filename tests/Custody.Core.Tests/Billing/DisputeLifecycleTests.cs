using Custody.Billing;

namespace Custody.Core.Tests.Billing;

/// <summary>A dispute's life cycle, credits and payments as pure decisions, at their boundaries.</summary>
public sealed class DisputeLifecycleTests
{
    private static Dispute In(string status) => new() { Id = Guid.NewGuid(), Status = status, RaisedBy = "user:payer", ResolvedBy = status is "upheld" or "rejected" ? "user:court" : null };

    [Theory]
    [InlineData("open", true, false)]
    [InlineData("answered", false, true)]
    [InlineData("contested", true, false)]
    [InlineData("upheld", false, false)]
    [InlineData("rejected", false, false)]
    public void TheSteps_FollowTheStatus(string status, bool answerable, bool respondable)
    {
        Assert.Equal(answerable, DisputeLifecycle.RefuseAnswer(status) is null);
        Assert.Equal(respondable, DisputeLifecycle.RefuseResponse(status) is null);
        Assert.Equal(Dispute.Unsettled.Contains(status), DisputeLifecycle.RefuseDecision(In(status), "user:court") is null);
    }

    [Fact]
    public void ADecision_IsNeverTakenByWhoRaisedTheDispute_NorTwice()
    {
        Assert.Equal("A dispute is resolved by another user than the one who raised it.", DisputeLifecycle.RefuseDecision(In("open"), "user:payer"));
        Assert.Equal("The dispute was already upheld by user:court.", DisputeLifecycle.RefuseDecision(In("upheld"), "user:other"));
    }

    [Theory]
    [InlineData("0", "100.00", "100.00", true)]
    [InlineData("40.00", "60.00", "100.00", true)]
    [InlineData("40.00", "60.01", "100.00", false)]
    public void Credits_NeverExceedTheInvoice(string credited, string credit, string total, bool allowed) =>
        Assert.Equal(allowed, DisputeLifecycle.RefuseCredit(decimal.Parse(credited, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(credit, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture)) is null);

    [Theory]
    [InlineData("99.99", true)]
    [InlineData("100.00", true)]
    [InlineData("100.01", false)]
    public void APayment_NeverExceedsWhatIsOutstanding(string amount, bool allowed) =>
        Assert.Equal(allowed, DisputeLifecycle.RefusePayment(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), 100.00m, "us-sv-2025-2026-10") is null);
}
