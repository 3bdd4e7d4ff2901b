using System.Text.Json;
using Custody.Ledger;

namespace Custody.Billing;

/// <summary>Billing's events applied to its tables: payment holds, invoices, disputes, credit notes and payments.</summary>
public static class BillingProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<PaymentHold>()
            .Projects<Invoice>()
            .Projects<Dispute>()
            .Projects<CreditNote>()
            .Projects<Payment>()
            .On<PaymentHoldPlaced>(Apply)
            .On<PaymentHoldLifted>(Apply)
            .On<InvoiceIssued>(Apply)
            .On<DisputeRaised>(Apply)
            .On<DisputeResolved>(Apply)
            .On<DisputeAnswered>(Apply)
            .On<DisputeAnswerRejected>(Apply)
            .On<CreditNoteIssued>(Apply)
            .On<PaymentRecorded>(Apply);
    }

    private static void Apply(PaymentHoldPlaced e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new PaymentHold
        {
            Id = e.Id,
            AgreementId = e.Agreement,
            PersonId = e.Person,
            From = e.From,
            Reason = e.Reason,
            PlacedBy = entry.Actor,
            PlacedAt = entry.OccurredAt,
            Revision = 1,
            LastSeq = entry.Seq,
        });

    private static void Apply(PaymentHoldLifted e, LedgerEntry entry, IProjectionStore store)
    {
        var hold = store.Find<PaymentHold>(e.Id) ?? throw Missing("payment hold", e.Id);
        hold.LiftedOn = e.LiftedOn;
        hold.LiftedBy = entry.Actor;
        hold.Revision++;
        hold.LastSeq = entry.Seq;
    }

    private static void Apply(InvoiceIssued e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new Invoice
        {
            Id = e.Id,
            Number = e.Number,
            AgreementId = e.Agreement,
            Month = e.Month,
            Currency = e.Currency,
            Total = e.Total,
            PayableDays = e.PayableDays,
            WithheldDays = e.WithheldDays,
            // The document as the ledger holds it (amounts as decimal text), canonical.
            Document = CanonicalJson.ToText(JsonSerializer.SerializeToNode(e.Document, BillingEventsJson.Default.IssuedDocument)),
            IssuedBy = entry.Actor,
            IssuedAt = entry.OccurredAt,
            Seq = entry.Seq,
        });

    private static void Apply(DisputeRaised e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new Dispute
        {
            Id = e.Id,
            InvoiceId = e.Invoice,
            ExternalId = e.ExternalId,
            Reason = e.Reason,
            RaisedBy = entry.Actor,
            RaisedAt = entry.OccurredAt,
            Revision = 1,
            LastSeq = entry.Seq,
        });

    private static void Apply(DisputeResolved e, LedgerEntry entry, IProjectionStore store)
    {
        var dispute = store.Find<Dispute>(e.Id) ?? throw Missing("dispute", e.Id);
        dispute.Status = e.Upheld ? "upheld" : "rejected";
        dispute.Resolution = e.Resolution;
        dispute.ResolvedBy = entry.Actor;
        dispute.ResolvedAt = entry.OccurredAt;
        dispute.Revision++;
        dispute.LastSeq = entry.Seq;
    }

    private static void Apply(DisputeAnswered e, LedgerEntry entry, IProjectionStore store)
    {
        var dispute = store.Find<Dispute>(e.Id) ?? throw Missing("dispute", e.Id);
        dispute.Status = "answered";
        dispute.Answer = e.Answer;
        dispute.AnswerUpheld = e.Upheld;
        dispute.AnswerCredit = e.Credit;
        dispute.AnsweredBy = entry.Actor;
        dispute.AnsweredAt = entry.OccurredAt;
        dispute.Revision++;
        dispute.LastSeq = entry.Seq;
    }

    private static void Apply(DisputeAnswerRejected e, LedgerEntry entry, IProjectionStore store)
    {
        var dispute = store.Find<Dispute>(e.Id) ?? throw Missing("dispute", e.Id);
        dispute.Status = "contested";
        dispute.AnswerRejection = e.Reason;
        dispute.Revision++;
        dispute.LastSeq = entry.Seq;
    }

    private static void Apply(CreditNoteIssued e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new CreditNote
        {
            Id = e.Id,
            Number = e.Number,
            InvoiceId = e.Invoice,
            DisputeId = e.Dispute,
            Amount = e.Amount,
            Reason = e.Reason,
            IssuedBy = entry.Actor,
            IssuedAt = entry.OccurredAt,
            Seq = entry.Seq,
        });

    private static void Apply(PaymentRecorded e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new Payment
        {
            Id = e.Id,
            InvoiceId = e.Invoice,
            Amount = e.Amount,
            PaidOn = e.PaidOn,
            Reference = e.Reference,
            RecordedBy = entry.Actor,
            RecordedAt = entry.OccurredAt,
            Seq = entry.Seq,
        });

    private static InvalidOperationException Missing(string what, object key) => new($"{what} {key} does not exist");
}
