using Custody.Common;
using Custody.Ledger;

namespace Custody.Billing;

/// <summary>
/// A dispute's life cycle, its credits and the payments against an invoice, as pure decisions:
/// open → answered by the payee → accepted (settled, with its credit note) or rejected by the payer
/// (contested: answered again, or decided) → upheld or rejected by a decision. Each returns the event
/// to record, or why not: the refusal the officer reads (409, answered with the current state), or an
/// amount the invoice cannot take (400, naming the field). The handlers load what the rule needs and
/// record the event only when it is allowed.
/// </summary>
public static class DisputeLifecycle
{
    /// <summary>
    /// A decision settles an unsettled dispute, taken by someone other than who raised it; an upheld
    /// one may credit the invoice, in its currency's minor units, never beyond what was invoiced.
    /// </summary>
    public static Decision<DisputeResolved> Decide(Dispute dispute, Invoice invoice, string actor, bool upheld, string resolution, decimal? credit, decimal alreadyCredited)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(invoice);
        if (!Dispute.Unsettled.Contains(dispute.Status))
        {
            return Decision<DisputeResolved>.Refuse($"The dispute was already {dispute.Status} by {dispute.ResolvedBy}.");
        }
        if (dispute.RaisedBy == actor)
        {
            return Decision<DisputeResolved>.Refuse("A dispute is resolved by another user than the one who raised it.");
        }
        if (credit is { } stated && !PersonDays.InMinorUnits(stated, invoice.Currency))
        {
            return InvoiceAmounts.NotInMinorUnits("creditAmount", invoice.Currency);
        }
        if (credit is { } amount && alreadyCredited + amount > invoice.Total)
        {
            return new Invalid([new FieldError("creditAmount", $"Credits would exceed the invoice: {invoice.Total} invoiced, {alreadyCredited} already credited.")]);
        }
        return new DisputeResolved(dispute.Id, invoice.Id, upheld, resolution);
    }

    /// <summary>
    /// The payee answers an open dispute, or one whose last answer the payer rejected; a credit it
    /// offers is in the invoice's minor units and, with what is already credited, never more than the invoice.
    /// </summary>
    public static Decision<DisputeAnswered> Answer(Dispute dispute, Invoice invoice, bool upheld, string answer, decimal? credit, decimal alreadyCredited)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(invoice);
        if (dispute.Status is not ("open" or "contested"))
        {
            return Decision<DisputeAnswered>.Refuse($"Only an open or contested dispute is answered; this one is {dispute.Status}.");
        }
        if (credit is { } offered && !PersonDays.InMinorUnits(offered, invoice.Currency))
        {
            return InvoiceAmounts.NotInMinorUnits("creditAmount", invoice.Currency);
        }
        if (credit is { } amount && OverCredited(invoice, alreadyCredited, amount) is { } tooMuch)
        {
            return new Invalid([new FieldError("creditAmount", tooMuch)]);
        }
        return new DisputeAnswered(dispute.Id, invoice.Id, upheld, answer, credit);
    }

    /// <summary>The payer accepts an answer: the dispute is settled as answered (an upheld answer's credit follows as a credit note).</summary>
    public static Decision<DisputeResolved> Accept(Dispute dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return RefuseResponse(dispute) is { } refusal
            ? Decision<DisputeResolved>.Refuse(refusal)
            : new DisputeResolved(dispute.Id, dispute.InvoiceId, dispute.AnswerUpheld == true, dispute.Answer!);
    }

    /// <summary>The payer rejects an answer, saying why: the dispute is contested (another answer, or a court).</summary>
    public static Decision<DisputeAnswerRejected> RejectAnswer(Dispute dispute, string reason)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return RefuseResponse(dispute) is { } refusal ? Decision<DisputeAnswerRejected>.Refuse(refusal) : new DisputeAnswerRejected(dispute.Id, dispute.InvoiceId, reason);
    }

    /// <summary>
    /// A credit note against the invoice for a dispute, numbered after the <paramref name="issued"/>
    /// ones before it; credits on an invoice never add up to more than it.
    /// </summary>
    public static Decision<CreditNoteIssued> CreditNote(Invoice invoice, Guid dispute, decimal amount, string reason, decimal alreadyCredited, int issued, Guid id)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return OverCredited(invoice, alreadyCredited, amount) is { } tooMuch
            ? Decision<CreditNoteIssued>.Refuse(tooMuch)
            : new CreditNoteIssued(id, $"{invoice.Number}-CN{issued + 1}", invoice.Id, amount, reason, dispute);
    }

    /// <summary>A payment is in the invoice's minor units and never exceeds what is outstanding.</summary>
    public static Decision<PaymentRecorded> Pay(InvoiceBalance balance, string currency, Guid id, decimal amount, DateOnly paidOn, string reference)
    {
        ArgumentNullException.ThrowIfNull(balance);
        if (!PersonDays.InMinorUnits(amount, currency))
        {
            return InvoiceAmounts.NotInMinorUnits("amount", currency);
        }
        return amount > balance.Outstanding
            ? Decision<PaymentRecorded>.Refuse($"The payment exceeds what is outstanding on {balance.Number}: {balance.Outstanding}.")
            : new PaymentRecorded(id, balance.InvoiceId, amount, paidOn, reference);
    }

    private static string? RefuseResponse(Dispute dispute) =>
        dispute.Status == "answered" ? null : $"Only an answered dispute is accepted or rejected; this one is {dispute.Status}.";

    private static string? OverCredited(Invoice invoice, decimal alreadyCredited, decimal credit) =>
        alreadyCredited + credit > invoice.Total ? $"Credits would exceed the invoice: {invoice.Total} invoiced." : null;
}
