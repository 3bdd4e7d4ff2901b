using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Billing;

/// <summary>A payment hold was placed from a date, for one person or (without one) everyone under the agreement.</summary>
public sealed record PaymentHoldPlaced(Guid Id, string Agreement, DateOnly From, string Reason, Guid? Person = null) : ILedgerEvent<PaymentHoldPlaced>
{
    public static string EntryKind => "payment-hold.placed";

    public string Subject() => "agreement:" + Agreement;
}

/// <summary>A payment hold was lifted: the first date no longer held.</summary>
public sealed record PaymentHoldLifted(Guid Id, string Agreement, DateOnly LiftedOn) : ILedgerEvent<PaymentHoldLifted>
{
    public static string EntryKind => "payment-hold.lifted";

    public string Subject() => "agreement:" + Agreement;
}

/// <summary>One line of an issued invoice: a person at one rate, the payable and withheld days (by reason), and the amount.</summary>
public sealed record IssuedLine(Guid Person, string ExternalId, int Version, decimal Rate, int PayableDays, IReadOnlyDictionary<string, int> WithheldDays, decimal Amount,
    string? Currency = null, IReadOnlyList<Guid>? WelfareChecks = null);

/// <summary>An issued invoice's lines, the days withheld by reason, and what was paid before under the ceiling.</summary>
public sealed record IssuedDocument(IReadOnlyList<IssuedLine> Lines, IReadOnlyDictionary<string, int> WithheldByReason, decimal PaidBefore);

/// <summary>A month's invoice was issued: the draft at that moment, numbered, with its lines.</summary>
public sealed record InvoiceIssued(Guid Id, string Number, string Agreement, string Month, string Currency, decimal Total, int PayableDays, int WithheldDays,
    IssuedDocument Document) : ILedgerEvent<InvoiceIssued>
{
    public static string EntryKind => "invoice.issued";

    public string Subject() => "agreement:" + Agreement;
}

/// <summary>An issued invoice was disputed: one line (by the person's record id) or the whole of it.</summary>
public sealed record DisputeRaised(Guid Id, Guid Invoice, string Reason, string? ExternalId = null) : ILedgerEvent<DisputeRaised>
{
    public static string EntryKind => "dispute.raised";

    public string Subject() => "invoice:" + Invoice;
}

/// <summary>A dispute was resolved, upheld or rejected: by the payer accepting the payee's answer, or by a court.</summary>
public sealed record DisputeResolved(Guid Id, Guid Invoice, bool Upheld, string Resolution) : ILedgerEvent<DisputeResolved>
{
    public static string EntryKind => "dispute.resolved";

    public string Subject() => "invoice:" + Invoice;
}

/// <summary>The payee's answer to a dispute: upheld (with the credit it offers) or rejected, and why. It settles nothing until the payer accepts it.</summary>
public sealed record DisputeAnswered(Guid Id, Guid Invoice, bool Upheld, string Answer, decimal? Credit = null) : ILedgerEvent<DisputeAnswered>
{
    public static string EntryKind => "dispute.answered";

    public string Subject() => "invoice:" + Invoice;
}

/// <summary>The payer did not accept the payee's answer: the dispute is open again, for another answer or a court.</summary>
public sealed record DisputeAnswerRejected(Guid Id, Guid Invoice, string Reason) : ILedgerEvent<DisputeAnswerRejected>
{
    public static string EntryKind => "dispute.answer-rejected";

    public string Subject() => "invoice:" + Invoice;
}

/// <summary>A credit note was issued against an invoice (for an upheld dispute).</summary>
public sealed record CreditNoteIssued(Guid Id, string Number, Guid Invoice, decimal Amount, string Reason, Guid? Dispute = null) : ILedgerEvent<CreditNoteIssued>
{
    public static string EntryKind => "credit-note.issued";

    public string Subject() => "invoice:" + Invoice;
}

/// <summary>A payment was received against an invoice: amount, date paid and the bank's reference.</summary>
public sealed record PaymentRecorded(Guid Id, Guid Invoice, decimal Amount, DateOnly PaidOn, string Reference) : ILedgerEvent<PaymentRecorded>
{
    public static string EntryKind => "payment.recorded";

    public string Subject() => "invoice:" + Invoice;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(PaymentHoldPlaced))]
[JsonSerializable(typeof(PaymentHoldLifted))]
[JsonSerializable(typeof(IssuedLine))]
[JsonSerializable(typeof(IssuedDocument))]
[JsonSerializable(typeof(InvoiceIssued))]
[JsonSerializable(typeof(DisputeRaised))]
[JsonSerializable(typeof(DisputeResolved))]
[JsonSerializable(typeof(DisputeAnswered))]
[JsonSerializable(typeof(DisputeAnswerRejected))]
[JsonSerializable(typeof(CreditNoteIssued))]
[JsonSerializable(typeof(PaymentRecorded))]
internal sealed partial class BillingEventsJson : JsonSerializerContext;
