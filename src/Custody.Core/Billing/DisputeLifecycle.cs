namespace Custody.Billing;

/// <summary>
/// A dispute's life cycle as pure decisions: open → answered by the payee → accepted (settled, with
/// its credit note) or rejected by the payer (contested: answered again, or decided) → upheld or
/// rejected by a decision. Each returns the refusal the officer reads (409), or nothing.
/// </summary>
public static class DisputeLifecycle
{
    /// <summary>A decision settles an unsettled dispute, taken by someone other than who raised it.</summary>
    public static string? RefuseDecision(Dispute dispute, string actor)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (!Dispute.Unsettled.Contains(dispute.Status))
        {
            return $"The dispute was already {dispute.Status} by {dispute.ResolvedBy}.";
        }
        return dispute.RaisedBy == actor ? "A dispute is resolved by another user than the one who raised it." : null;
    }

    /// <summary>The payee answers an open dispute, or one whose last answer the payer rejected.</summary>
    public static string? RefuseAnswer(string status) =>
        status is "open" or "contested" ? null : $"Only an open or contested dispute is answered; this one is {status}.";

    /// <summary>The payer accepts or rejects an answer.</summary>
    public static string? RefuseResponse(string status) =>
        status == "answered" ? null : $"Only an answered dispute is accepted or rejected; this one is {status}.";

    /// <summary>Credits on an invoice never add up to more than it.</summary>
    public static string? RefuseCredit(decimal alreadyCredited, decimal credit, decimal invoiceTotal) =>
        alreadyCredited + credit > invoiceTotal ? $"Credits would exceed the invoice: {invoiceTotal} invoiced." : null;

    /// <summary>A payment never exceeds what is outstanding.</summary>
    public static string? RefusePayment(decimal amount, decimal outstanding, string invoiceNumber) =>
        amount > outstanding ? $"The payment exceeds what is outstanding on {invoiceNumber}: {outstanding}." : null;
}
