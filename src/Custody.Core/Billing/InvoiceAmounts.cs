using System.Globalization;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>
/// What the settlement steps share: amounts as the two sides state them, and what an issued invoice
/// has been credited and paid. Nothing edits an invoice, so its balance is always invoiced − credited − paid.
/// </summary>
internal static class InvoiceAmounts
{
    /// <summary>A positive decimal of at most three places (the most any currency has); the invoice's currency then decides how many it may have.</summary>
    public static decimal? Money(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && decimal.Round(value, 3) == value
            ? value : null;

    public static Invalid NotInMinorUnits(string field, string currency) =>
        new([new FieldError(field, $"{currency} is counted to {PersonDays.MinorUnits(currency)} decimal place(s): state the amount in whole minor units.")]);

    /// <summary>A credit offered with a decision or an answer: only when upholding, in a positive amount.</summary>
    public static decimal? CreditOf(bool upheld, string? creditAmount, string notUpheld, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(creditAmount))
        {
            return null;
        }
        if (!upheld)
        {
            errors.Add(new FieldError("creditAmount", notUpheld));
            return null;
        }
        if (Money(creditAmount) is { } amount)
        {
            return amount;
        }
        errors.Add(new FieldError("creditAmount", "A positive amount with at most the currency's minor unit of decimals, such as 109.58."));
        return null;
    }

    public static async Task<decimal> CreditedAsync(CustodyDbContext db, Guid invoiceId, CancellationToken cancellationToken) =>
        (await db.CreditNotes.AsNoTracking().Where(c => c.InvoiceId == invoiceId).Select(c => c.Amount).ToListAsync(cancellationToken)).Sum();

    /// <summary>The invoice's next credit note for the dispute (numbered per invoice, in the order issued), recorded when the rule allows it.</summary>
    public static async Task<Decision<CreditNoteIssued>> IssueCreditNoteAsync(UnitOfWork work, Invoice invoice, decimal alreadyCredited, decimal amount, string reason, Guid disputeId,
        string actor, CancellationToken cancellationToken)
    {
        var issued = await work.Db.CreditNotes.CountAsync(c => c.InvoiceId == invoice.Id, cancellationToken);
        var note = DisputeLifecycle.CreditNote(invoice, disputeId, amount, reason, alreadyCredited, issued, Guid.CreateVersion7(work.Time.GetUtcNow()));
        if (note.Change is { } change)
        {
            work.Record(change, actor);
        }
        return note;
    }

    /// <summary>One invoice's balance: invoiced, credited, paid, outstanding and its unsettled disputes; null when there is no such invoice.</summary>
    public static async Task<InvoiceBalance?> BalanceOfAsync(CustodyDbContext db, Guid invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return null;
        }
        // Summed here, not in SQL: SQLite stores decimals as text and cannot add them exactly.
        var credited = await CreditedAsync(db, invoiceId, cancellationToken);
        var paid = (await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId).Select(p => p.Amount).ToListAsync(cancellationToken)).Sum();
        var open = await db.Disputes.CountAsync(d => d.InvoiceId == invoiceId && Dispute.Unsettled.Contains(d.Status), cancellationToken);
        return new InvoiceBalance(invoice.Id, invoice.Number, invoice.Month, invoice.Total, credited, paid, invoice.Total - credited - paid, open);
    }
}
