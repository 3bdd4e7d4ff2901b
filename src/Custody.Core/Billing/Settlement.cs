namespace Custody.Billing;

/// <summary>A dispute on an issued invoice (a line, by the person's record id, or the whole invoice) by the paying side; resolved by another user.</summary>
public sealed class Dispute
{
    public Guid Id { get; set; }

    public Guid InvoiceId { get; set; }

    /// <summary>The disputed line's person record id; null disputes the invoice as a whole.</summary>
    public string? ExternalId { get; set; }

    public string Reason { get; set; } = "";

    public string RaisedBy { get; set; } = "";

    public DateTime RaisedAt { get; set; }

    /// <summary>open, upheld (a credit note follows) or rejected.</summary>
    public string Status { get; set; } = "open";

    public string? Resolution { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }
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
