namespace Custody.Billing;

/// <summary>
/// A payment hold: from a date until lifted, for one person or everyone under an agreement (e.g. a
/// court's production or locate request unanswered past its deadline). Days it covers are withheld.
/// </summary>
public sealed class PaymentHold
{
    public Guid Id { get; set; }

    public string AgreementId { get; set; } = "";

    public Guid? PersonId { get; set; }

    public DateOnly From { get; set; }

    public string Reason { get; set; } = "";

    public string PlacedBy { get; set; } = "";

    public DateTime PlacedAt { get; set; }

    /// <summary>The first date no longer covered.</summary>
    public DateOnly? LiftedOn { get; set; }

    public string? LiftedBy { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }
}

/// <summary>A <see cref="PaymentHold"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record PaymentHoldView(Guid Id, string AgreementId, Guid? PersonId, DateOnly From, string Reason, string PlacedBy, DateTime PlacedAt, DateOnly? LiftedOn, string? LiftedBy, long LastSeq)
{
    public static PaymentHoldView Of(PaymentHold x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.AgreementId, x.PersonId, x.From, x.Reason, x.PlacedBy, x.PlacedAt, x.LiftedOn, x.LiftedBy, x.LastSeq);
    }
}

/// <summary>
/// An issued invoice: numbered, immutable (no command changes it; corrections are credit notes),
/// its lines and totals kept exactly as issued. Amounts are exact decimals, written to the ledger as strings.
/// </summary>
public sealed class Invoice
{
    public Guid Id { get; set; }

    public string Number { get; set; } = "";

    public string AgreementId { get; set; } = "";

    /// <summary>YYYY-MM.</summary>
    public string Month { get; set; } = "";

    public string Currency { get; set; } = "";

    public decimal Total { get; set; }

    public int PayableDays { get; set; }

    public int WithheldDays { get; set; }

    /// <summary>The lines and totals by reason as issued (canonical JSON).</summary>
    public string Document { get; set; } = "{}";

    public string IssuedBy { get; set; } = "";

    public DateTime IssuedAt { get; set; }

    public long Seq { get; set; }
}

/// <summary>A <see cref="Invoice"/> as a use case answers with it: a record of the row's facts, never the tracked entity.</summary>
public sealed record InvoiceView(Guid Id, string Number, string AgreementId, string Month, string Currency, decimal Total, int PayableDays, int WithheldDays, string Document, string IssuedBy, DateTime IssuedAt, long Seq)
{
    public static InvoiceView Of(Invoice x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.Number, x.AgreementId, x.Month, x.Currency, x.Total, x.PayableDays, x.WithheldDays, x.Document, x.IssuedBy, x.IssuedAt, x.Seq);
    }

    /// <summary>
    /// The issued lines, read from <see cref="Document"/>: each names a person, so the read log
    /// records whom an invoice (or its CSV, XLSX or PDF) showed. Not a second copy in the answer.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<IssuedLine> Lines => System.Text.Json.JsonSerializer.Deserialize(Document, BillingEventsJson.Default.IssuedDocument)?.Lines ?? [];
}
