using System.Globalization;
using Custody.Billing;
using Custody.Common;

namespace Custody.Core.Tests.Billing;

/// <summary>A dispute's life cycle, credits and payments as pure decisions, at their boundaries: the event each step records, or why not.</summary>
public sealed class DisputeLifecycleTests
{
    private static readonly Invoice Issued = new() { Id = Guid.NewGuid(), Number = "us-sv-2025-2026-10", Currency = "USD", Total = 100.00m };

    private static Dispute In(string status) => new()
    {
        Id = Guid.NewGuid(), InvoiceId = Issued.Id, Status = status, RaisedBy = "user:payer", ResolvedBy = status is "upheld" or "rejected" ? "user:court" : null,
        Answer = status == "answered" ? "Two days were held under a stay" : null, AnswerUpheld = status == "answered" ? true : null,
    };

    private static decimal Amount(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("open", true, false)]
    [InlineData("answered", false, true)]
    [InlineData("contested", true, false)]
    [InlineData("upheld", false, false)]
    [InlineData("rejected", false, false)]
    public void TheSteps_FollowTheStatus(string status, bool answerable, bool respondable)
    {
        var dispute = In(status);

        var answered = DisputeLifecycle.Answer(dispute, Issued, true, "Agreed", 10.00m, 0);
        var accepted = DisputeLifecycle.Accept(dispute);
        var rejected = DisputeLifecycle.RejectAnswer(dispute, "Not owed");
        var decided = DisputeLifecycle.Decide(dispute, Issued, "user:court", false, "Owed as invoiced", null, 0);

        Assert.Equal(answerable ? new DisputeAnswered(dispute.Id, Issued.Id, true, "Agreed", 10.00m) : null, answered.Change);
        Assert.Equal(answerable, answered.Refusal is null);
        Assert.Equal(respondable ? new DisputeResolved(dispute.Id, Issued.Id, true, "Two days were held under a stay") : null, accepted.Change);
        Assert.Equal(respondable ? new DisputeAnswerRejected(dispute.Id, Issued.Id, "Not owed") : null, rejected.Change);
        Assert.Equal(respondable, accepted.Refusal is null);
        Assert.Equal(respondable, rejected.Refusal is null);
        Assert.Equal(Dispute.Unsettled.Contains(status) ? new DisputeResolved(dispute.Id, Issued.Id, false, "Owed as invoiced") : null, decided.Change);
        Assert.Equal(Dispute.Unsettled.Contains(status), decided.Refusal is null);
    }

    [Fact]
    public void ADecision_IsNeverTakenByWhoRaisedTheDispute_NorTwice()
    {
        Assert.Equal("A dispute is resolved by another user than the one who raised it.", DisputeLifecycle.Decide(In("open"), Issued, "user:payer", true, "ok", null, 0).Refusal);
        Assert.Equal("The dispute was already upheld by user:court.", DisputeLifecycle.Decide(In("upheld"), Issued, "user:other", true, "ok", null, 0).Refusal);
    }

    [Theory]
    [InlineData("0", "100.00", "100.00", true)]
    [InlineData("40.00", "60.00", "100.00", true)]
    [InlineData("40.00", "60.01", "100.00", false)]
    public void Credits_NeverExceedTheInvoice(string credited, string credit, string total, bool allowed)
    {
        var invoice = new Invoice { Id = Guid.NewGuid(), Number = "us-sv-2025-2026-10", Currency = "USD", Total = Amount(total) };
        var (dispute, id) = (Guid.NewGuid(), Guid.NewGuid());

        var note = DisputeLifecycle.CreditNote(invoice, dispute, Amount(credit), "Upheld", Amount(credited), 1, id);
        var offered = DisputeLifecycle.Answer(In("open"), invoice, true, "Agreed", Amount(credit), Amount(credited));
        var decided = DisputeLifecycle.Decide(In("open"), invoice, "user:court", true, "Upheld", Amount(credit), Amount(credited));

        Assert.Equal(allowed ? new CreditNoteIssued(id, "us-sv-2025-2026-10-CN2", invoice.Id, Amount(credit), "Upheld", dispute) : null, note.Change);
        Assert.Equal(allowed ? null : $"Credits would exceed the invoice: {invoice.Total} invoiced.", note.Refusal);
        // Offered in an answer or a court's decision, too much credit names the field (400); it is no refusal in the dispute's state.
        Assert.Equal(allowed, offered.Allowed);
        Assert.Equal(allowed, decided.Allowed);
        Assert.Null(offered.Refusal);
        Assert.Null(decided.Refusal);
        if (!allowed)
        {
            Assert.Equal(new FieldError("creditAmount", $"Credits would exceed the invoice: {invoice.Total} invoiced."), Assert.Single(Assert.IsType<Invalid>(offered.Failure).Errors));
            Assert.Equal(new FieldError("creditAmount", $"Credits would exceed the invoice: {invoice.Total} invoiced, {Amount(credited)} already credited."),
                Assert.Single(Assert.IsType<Invalid>(decided.Failure).Errors));
        }
    }

    [Fact]
    public void ACredit_IsInTheCurrencysMinorUnits()
    {
        var answered = DisputeLifecycle.Answer(In("open"), Issued, true, "Agreed", 10.005m, 0);
        var decided = DisputeLifecycle.Decide(In("contested"), Issued, "user:court", true, "Upheld", 10.005m, 0);

        Assert.Equal("creditAmount", Assert.Single(Assert.IsType<Invalid>(answered.Failure).Errors).Field);
        Assert.Equal("creditAmount", Assert.Single(Assert.IsType<Invalid>(decided.Failure).Errors).Field);
        // A refusal in the dispute's state comes first.
        Assert.NotNull(DisputeLifecycle.Answer(In("upheld"), Issued, true, "Agreed", 10.005m, 0).Refusal);
    }

    [Theory]
    [InlineData("99.99", true)]
    [InlineData("100.00", true)]
    [InlineData("100.01", false)]
    public void APayment_NeverExceedsWhatIsOutstanding(string amount, bool allowed)
    {
        var balance = new InvoiceBalance(Issued.Id, Issued.Number, "2026-10", 100.00m, 0, 0, 100.00m, 0);
        var id = Guid.NewGuid();

        var paid = DisputeLifecycle.Pay(balance, "USD", id, Amount(amount), new DateOnly(2026, 11, 2), "SWIFT 1");

        Assert.Equal(allowed ? new PaymentRecorded(id, Issued.Id, Amount(amount), new DateOnly(2026, 11, 2), "SWIFT 1") : null, paid.Change);
        Assert.Equal(allowed ? null : $"The payment exceeds what is outstanding on us-sv-2025-2026-10: {100.00m}.", paid.Refusal);
    }

    [Fact]
    public void APayment_IsInTheCurrencysMinorUnits()
    {
        var balance = new InvoiceBalance(Issued.Id, Issued.Number, "2026-10", 100.00m, 0, 0, 100.00m, 0);

        var paid = DisputeLifecycle.Pay(balance, "USD", Guid.NewGuid(), 10.005m, new DateOnly(2026, 11, 2), "SWIFT 0");

        Assert.Equal("amount", Assert.Single(Assert.IsType<Invalid>(paid.Failure).Errors).Field);
        Assert.Null(paid.Refusal);
    }
}
