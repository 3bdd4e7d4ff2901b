namespace Custody.Billing;

/// <summary>
/// A dispute on an issued invoice (a line, by the person's record id, or the whole invoice), raised by
/// the paying side; answered by the paid side; settled when the payer accepts the answer, or by a court.
/// </summary>
public sealed class Dispute
{
    public Guid Id { get; set; }

    public Guid InvoiceId { get; set; }

    /// <summary>The disputed line's person record id; null disputes the invoice as a whole.</summary>
    public string? ExternalId { get; set; }

    public string Reason { get; set; } = "";

    public string RaisedBy { get; set; } = "";

    public DateTime RaisedAt { get; set; }

    /// <summary>open, answered (awaiting the payer), contested (the payer rejected the answer), upheld (a credit note follows) or rejected.</summary>
    public string Status { get; set; } = "open";

    /// <summary>The statuses of a dispute not settled yet: listed as open, counted in the balance.</summary>
    public static readonly IReadOnlyList<string> Unsettled = ["open", "answered", "contested"];

    /// <summary>The payee's latest answer: whether it upholds the dispute, why, and the credit it offers.</summary>
    public string? Answer { get; set; }

    public bool? AnswerUpheld { get; set; }

    public decimal? AnswerCredit { get; set; }

    public string? AnsweredBy { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>Why the payer did not accept the latest answer.</summary>
    public string? AnswerRejection { get; set; }

    public string? Resolution { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }
}

/// <summary>A <see cref="Dispute"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record DisputeView(Guid Id, Guid InvoiceId, string? ExternalId, string Reason, string RaisedBy, DateTime RaisedAt, string Status, string? Answer, bool? AnswerUpheld, decimal? AnswerCredit, string? AnsweredBy, DateTime? AnsweredAt, string? AnswerRejection, string? Resolution, string? ResolvedBy, DateTime? ResolvedAt, long LastSeq)
{
    public static DisputeView Of(Dispute x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.InvoiceId, x.ExternalId, x.Reason, x.RaisedBy, x.RaisedAt, x.Status, x.Answer, x.AnswerUpheld, x.AnswerCredit, x.AnsweredBy, x.AnsweredAt, x.AnswerRejection, x.Resolution, x.ResolvedBy, x.ResolvedAt, x.LastSeq);
    }
}

/// <summary>A credit note against an issued invoice (never an edit of it).</summary>
public sealed class CreditNote
{
    public Guid Id { get; set; }

    public string Number { get; set; } = "";

    public Guid InvoiceId { get; set; }

    public Guid? DisputeId { get; set; }

    public decimal Amount { get; set; }

    public string Reason { get; set; } = "";

    public string IssuedBy { get; set; } = "";

    public DateTime IssuedAt { get; set; }

    public long Seq { get; set; }
}

/// <summary>A payment received against an issued invoice.</summary>
public sealed class Payment
{
    public Guid Id { get; set; }

    public Guid InvoiceId { get; set; }

    public decimal Amount { get; set; }

    public DateOnly PaidOn { get; set; }

    public string Reference { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public long Seq { get; set; }
}

/// <summary>A <see cref="Payment"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record PaymentView(Guid Id, Guid InvoiceId, decimal Amount, DateOnly PaidOn, string Reference, string RecordedBy, DateTime RecordedAt, long Seq)
{
    public static PaymentView Of(Payment x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.InvoiceId, x.Amount, x.PaidOn, x.Reference, x.RecordedBy, x.RecordedAt, x.Seq);
    }
}
