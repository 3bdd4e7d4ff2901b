using System.Globalization;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>A dispute of one line (by the person's record id) or of the whole invoice.</summary>
public sealed record RaiseDisputeRequest(string? ExternalId, string? Reason);

/// <summary>The resolution; when upheld, <c>CreditAmount</c> (a decimal string) issues a credit note against the invoice.</summary>
public sealed record ResolveDisputeRequest(bool Upheld, string? Resolution, string? CreditAmount);

/// <summary>A payment received: amount (decimal string), the date paid and the bank's reference.</summary>
public sealed record RecordPaymentRequest(string? Amount, string? PaidOn, string? Reference);

public sealed record InvoiceBalance(Guid InvoiceId, string Number, string Month, decimal Total, decimal Credited, decimal Paid, decimal Outstanding, int OpenDisputes);

public sealed record AgreementBalance(string AgreementId, string Currency, decimal Invoiced, decimal Credited, decimal Paid, decimal Outstanding, IReadOnlyList<InvoiceBalance> Invoices);

/// <summary>
/// Disputes, credit notes and payments on issued invoices. Nothing edits an invoice: a dispute
/// upheld issues a credit note that references it, and the balance is invoiced − credited − paid.
/// A dispute is resolved by another user than the one who raised it.
/// </summary>
public sealed class SettlementCommands(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<Dispute>> RaiseDisputeAsync(Guid invoiceId, RaiseDisputeRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "reason", r.Reason, 2000);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<Dispute>(db, time, async work =>
        {
            var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
            if (invoice is null)
            {
                return new NotFound($"No invoice {invoiceId}.");
            }
            if (r.ExternalId is { } externalId && !(JsonNode.Parse(invoice.Document)!["lines"]!.AsArray()).Any(l => l!["externalId"]!.GetValue<string>() == externalId))
            {
                return new Invalid([new FieldError("externalId", $"Invoice {invoice.Number} has no line for {externalId}.")]);
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new DisputeRaised(id, invoiceId, r.Reason!.Trim(), r.ExternalId), viewer.Actor);
            return work.Store.Find<Dispute>(id)!;
        }, cancellationToken);
    }

    public async Task<Result<Dispute>> ResolveDisputeAsync(Guid disputeId, ResolveDisputeRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "resolution", r.Resolution, 2000);
        decimal? credit = null;
        if (!string.IsNullOrWhiteSpace(r.CreditAmount))
        {
            if (!r.Upheld)
            {
                errors.Add(new FieldError("creditAmount", "Only an upheld dispute issues a credit note."));
            }
            else if (Money(r.CreditAmount) is { } amount)
            {
                credit = amount;
            }
            else
            {
                errors.Add(new FieldError("creditAmount", "A positive amount with at most the currency's minor unit of decimals, such as 109.58."));
            }
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<Dispute>(db, time, async work =>
        {
            var dispute = await db.Disputes.SingleOrDefaultAsync(d => d.Id == disputeId, cancellationToken);
            if (dispute is null)
            {
                return new NotFound($"No dispute {disputeId}.");
            }
            if (dispute.Status != "open")
            {
                return new StateConflict($"The dispute was already {dispute.Status} by {dispute.ResolvedBy}.", dispute);
            }
            if (dispute.RaisedBy == viewer.Actor)
            {
                return new StateConflict("A dispute is resolved by another user than the one who raised it.", dispute);
            }
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == dispute.InvoiceId, cancellationToken);
            if (credit is { } stated && !PersonDays.InMinorUnits(stated, invoice.Currency))
            {
                return NotInMinorUnits("creditAmount", invoice.Currency);
            }
            work.Record(new DisputeResolved(disputeId, invoice.Id, r.Upheld, r.Resolution!.Trim()), viewer.Actor);
            if (credit is { } amount)
            {
                var credited = (await db.CreditNotes.AsNoTracking().Where(c => c.InvoiceId == invoice.Id).Select(c => c.Amount).ToListAsync(cancellationToken)).Sum();
                if (credited + amount > invoice.Total)
                {
                    return new Invalid([new FieldError("creditAmount", $"Credits would exceed the invoice: {invoice.Total} invoiced, {credited} already credited.")]);
                }
                var count = await db.CreditNotes.CountAsync(c => c.InvoiceId == invoice.Id, cancellationToken);
                work.Record(new CreditNoteIssued(Guid.CreateVersion7(time.GetUtcNow()), $"{invoice.Number}-CN{count + 1}", invoice.Id, amount, r.Resolution.Trim(), disputeId),
                    viewer.Actor);
            }
            return dispute;
        }, cancellationToken);
    }

    public async Task<Result<Payment>> RecordPaymentAsync(Guid invoiceId, RecordPaymentRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var amount = Money(r.Amount);
        if (amount is null)
        {
            errors.Add(new FieldError("amount", "A positive amount with at most the currency's minor unit of decimals, such as 1205.38."));
        }
        if (!DateOnly.TryParseExact(r.PaidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var paidOn))
        {
            errors.Add(new FieldError("paidOn", "The date paid, YYYY-MM-DD."));
        }
        else if (paidOn > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            errors.Add(new FieldError("paidOn", "A payment is recorded once made; this date is in the future."));
        }
        TransferInput.Require(errors, "reference", r.Reference, 200);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<Payment>(db, time, async work =>
        {
            if (await BalanceOfAsync(invoiceId, cancellationToken) is not { } balance)
            {
                return new NotFound($"No invoice {invoiceId}.");
            }
            var currency = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => i.Currency).SingleAsync(cancellationToken);
            if (!PersonDays.InMinorUnits(amount!.Value, currency))
            {
                return NotInMinorUnits("amount", currency);
            }
            if (amount > balance.Outstanding)
            {
                return new StateConflict($"The payment exceeds what is outstanding on {balance.Number}: {balance.Outstanding}.", balance);
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new PaymentRecorded(id, invoiceId, amount!.Value, paidOn, r.Reference!.Trim()), viewer.Actor);
            return db.Payments.Local.Single(p => p.Id == id);
        }, cancellationToken);
    }

    public async Task<Result<AgreementBalance>> BalanceAsync(string agreementId, CancellationToken cancellationToken = default)
    {
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.AgreementId == agreementId).OrderBy(i => i.Month).ToListAsync(cancellationToken);
        if (invoices.Count == 0 && !await db.Agreements.AnyAsync(a => a.Id == agreementId, cancellationToken))
        {
            return new NotFound($"No agreement {agreementId}.");
        }
        var balances = new List<InvoiceBalance>();
        foreach (var invoice in invoices)
        {
            balances.Add((await BalanceOfAsync(invoice.Id, cancellationToken))!);
        }
        return new AgreementBalance(agreementId, invoices.FirstOrDefault()?.Currency ?? "", balances.Sum(b => b.Total), balances.Sum(b => b.Credited),
            balances.Sum(b => b.Paid), balances.Sum(b => b.Outstanding), balances);
    }

    private async Task<InvoiceBalance?> BalanceOfAsync(Guid invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return null;
        }
        // Summed here, not in SQL: SQLite stores decimals as text and cannot add them exactly.
        var credited = (await db.CreditNotes.AsNoTracking().Where(c => c.InvoiceId == invoiceId).Select(c => c.Amount).ToListAsync(cancellationToken)).Sum();
        var paid = (await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId).Select(p => p.Amount).ToListAsync(cancellationToken)).Sum();
        var open = await db.Disputes.CountAsync(d => d.InvoiceId == invoiceId && d.Status == "open", cancellationToken);
        return new InvoiceBalance(invoice.Id, invoice.Number, invoice.Month, invoice.Total, credited, paid, invoice.Total - credited - paid, open);
    }

    // A positive decimal of at most three places (the most any currency has); the invoice's currency then decides how many it may have.
    private static decimal? Money(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && decimal.Round(value, 3) == value
            ? value : null;

    private static Invalid NotInMinorUnits(string field, string currency) =>
        new([new FieldError(field, $"{currency} is counted to {PersonDays.MinorUnits(currency)} decimal place(s): state the amount in whole minor units.")]);
}
