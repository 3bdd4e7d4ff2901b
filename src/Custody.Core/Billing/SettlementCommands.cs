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

/// <summary>The payee's answer to a dispute; upheld may offer <c>CreditAmount</c> (a decimal string), credited once the payer accepts.</summary>
public sealed record AnswerDisputeRequest(bool Upheld, string? Answer, string? CreditAmount);

/// <summary>The payer's response to the answer: accepted (the dispute is settled as answered) or not, and why.</summary>
public sealed record AnswerResponseRequest(bool Accepted, string? Reason);

/// <summary>A payment received: amount (decimal string), the date paid and the bank's reference.</summary>
public sealed record RecordPaymentRequest(string? Amount, string? PaidOn, string? Reference);

public sealed record InvoiceBalance(Guid InvoiceId, string Number, string Month, decimal Total, decimal Credited, decimal Paid, decimal Outstanding, int OpenDisputes);

public sealed record AgreementBalance(string AgreementId, string Currency, decimal Invoiced, decimal Credited, decimal Paid, decimal Outstanding, IReadOnlyList<InvoiceBalance> Invoices);

/// <summary>
/// Disputes, credit notes and payments on issued invoices. Nothing edits an invoice: a dispute
/// upheld issues a credit note that references it, and the balance is invoiced − credited − paid.
/// The payer raises a dispute, the payee answers it, and it is settled only when the payer accepts
/// the answer — or by a court user. No user acts on both sides of the money.
/// </summary>
public sealed class SettlementCommands(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<DisputeView>> RaiseDisputeAsync(Guid invoiceId, RaiseDisputeRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        TransferInput.Require(errors, "reason", r.Reason, 2000);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<DisputeView>(db, time, async work =>
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
            return DisputeView.Of(work.Store.Find<Dispute>(id)!);
        }, cancellationToken);
    }

    public async Task<Result<DisputeView>> ResolveDisputeAsync(Guid disputeId, ResolveDisputeRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "resolution", r.Resolution, 2000);
        var credit = CreditOf(r.Upheld, r.CreditAmount, "Only an upheld dispute issues a credit note.", errors);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<DisputeView>(db, time, async work =>
        {
            var dispute = await db.Disputes.SingleOrDefaultAsync(d => d.Id == disputeId, cancellationToken);
            if (dispute is null)
            {
                return new NotFound($"No dispute {disputeId}.");
            }
            if (DisputeLifecycle.RefuseDecision(dispute, viewer.Actor) is { } refusal)
            {
                return new StateConflict(refusal, DisputeView.Of(dispute));
            }
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == dispute.InvoiceId, cancellationToken);
            if (credit is { } stated && !PersonDays.InMinorUnits(stated, invoice.Currency))
            {
                return NotInMinorUnits("creditAmount", invoice.Currency);
            }
            work.Record(new DisputeResolved(disputeId, invoice.Id, r.Upheld, r.Resolution!.Trim()), viewer.Actor);
            if (credit is { } amount)
            {
                var credited = await CreditedAsync(invoice.Id, cancellationToken);
                if (credited + amount > invoice.Total)
                {
                    return new Invalid([new FieldError("creditAmount", $"Credits would exceed the invoice: {invoice.Total} invoiced, {credited} already credited.")]);
                }
                await IssueCreditNoteAsync(work, invoice, amount, r.Resolution.Trim(), disputeId, viewer.Actor, cancellationToken);
            }
            return DisputeView.Of(dispute);
        }, cancellationToken);
    }

    /// <summary>The payee answers an open or contested dispute. It settles nothing until the payer accepts it.</summary>
    public async Task<Result<DisputeView>> AnswerDisputeAsync(Guid disputeId, AnswerDisputeRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "answer", r.Answer, 2000);
        var credit = CreditOf(r.Upheld, r.CreditAmount, "Only an answer that upholds the dispute offers a credit.", errors);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<DisputeView>(db, time, async work =>
        {
            var dispute = await db.Disputes.SingleOrDefaultAsync(d => d.Id == disputeId, cancellationToken);
            if (dispute is null)
            {
                return new NotFound($"No dispute {disputeId}.");
            }
            if (DisputeLifecycle.RefuseAnswer(dispute.Status) is { } refusal)
            {
                return new StateConflict(refusal, DisputeView.Of(dispute));
            }
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == dispute.InvoiceId, cancellationToken);
            if (credit is { } offered && !PersonDays.InMinorUnits(offered, invoice.Currency))
            {
                return NotInMinorUnits("creditAmount", invoice.Currency);
            }
            if (credit is { } c && DisputeLifecycle.RefuseCredit(await CreditedAsync(invoice.Id, cancellationToken), c, invoice.Total) is { } tooMuch)
            {
                return new Invalid([new FieldError("creditAmount", tooMuch)]);
            }
            work.Record(new DisputeAnswered(disputeId, invoice.Id, r.Upheld, r.Answer!.Trim(), credit), viewer.Actor);
            return DisputeView.Of(dispute);
        }, cancellationToken);
    }

    /// <summary>The payer accepts the payee's answer (settling the dispute as answered, with its credit note) or rejects it (the dispute is contested: another answer, or a court).</summary>
    public async Task<Result<DisputeView>> RespondToAnswerAsync(Guid disputeId, AnswerResponseRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        if (!r.Accepted && string.IsNullOrWhiteSpace(r.Reason))
        {
            return new Invalid([new FieldError("reason", "Say why the answer is not accepted.")]);
        }
        return await UnitOfWork.RunAsync<DisputeView>(db, time, async work =>
        {
            var dispute = await db.Disputes.SingleOrDefaultAsync(d => d.Id == disputeId, cancellationToken);
            if (dispute is null)
            {
                return new NotFound($"No dispute {disputeId}.");
            }
            if (DisputeLifecycle.RefuseResponse(dispute.Status) is { } refusal)
            {
                return new StateConflict(refusal, DisputeView.Of(dispute));
            }
            if (!r.Accepted)
            {
                work.Record(new DisputeAnswerRejected(disputeId, dispute.InvoiceId, r.Reason!.Trim()), viewer.Actor);
                return DisputeView.Of(dispute);
            }
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == dispute.InvoiceId, cancellationToken);
            work.Record(new DisputeResolved(disputeId, invoice.Id, dispute.AnswerUpheld == true, dispute.Answer!), viewer.Actor);
            if (dispute.AnswerUpheld == true && dispute.AnswerCredit is { } amount)
            {
                if (DisputeLifecycle.RefuseCredit(await CreditedAsync(invoice.Id, cancellationToken), amount, invoice.Total) is { } tooMuch)
                {
                    return new StateConflict(tooMuch, DisputeView.Of(dispute));
                }
                await IssueCreditNoteAsync(work, invoice, amount, dispute.Answer!, disputeId, viewer.Actor, cancellationToken);
            }
            return DisputeView.Of(dispute);
        }, cancellationToken);
    }

    // A credit offered with a decision or an answer: only when upholding, in a positive amount.
    private static decimal? CreditOf(bool upheld, string? creditAmount, string notUpheld, List<FieldError> errors)
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

    // Credit notes are numbered per invoice, in the order they are issued.
    private async Task IssueCreditNoteAsync(UnitOfWork work, Invoice invoice, decimal amount, string reason, Guid disputeId, string actor, CancellationToken cancellationToken)
    {
        var count = await db.CreditNotes.CountAsync(c => c.InvoiceId == invoice.Id, cancellationToken);
        work.Record(new CreditNoteIssued(Guid.CreateVersion7(time.GetUtcNow()), $"{invoice.Number}-CN{count + 1}", invoice.Id, amount, reason, disputeId), actor);
    }

    private async Task<decimal> CreditedAsync(Guid invoiceId, CancellationToken cancellationToken) =>
        (await db.CreditNotes.AsNoTracking().Where(c => c.InvoiceId == invoiceId).Select(c => c.Amount).ToListAsync(cancellationToken)).Sum();

    public async Task<Result<PaymentView>> RecordPaymentAsync(Guid invoiceId, RecordPaymentRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
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
        return await UnitOfWork.RunAsync<PaymentView>(db, time, async work =>
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
            if (DisputeLifecycle.RefusePayment(amount!.Value, balance.Outstanding, balance.Number) is { } refusal)
            {
                return new StateConflict(refusal, balance);
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new PaymentRecorded(id, invoiceId, amount!.Value, paidOn, r.Reference!.Trim()), viewer.Actor);
            return PaymentView.Of(db.Payments.Local.Single(p => p.Id == id));
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
        var credited = await CreditedAsync(invoiceId, cancellationToken);
        var paid = (await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId).Select(p => p.Amount).ToListAsync(cancellationToken)).Sum();
        var open = await db.Disputes.CountAsync(d => d.InvoiceId == invoiceId && Dispute.Unsettled.Contains(d.Status), cancellationToken);
        return new InvoiceBalance(invoice.Id, invoice.Number, invoice.Month, invoice.Total, credited, paid, invoice.Total - credited - paid, open);
    }

    // A positive decimal of at most three places (the most any currency has); the invoice's currency then decides how many it may have.
    private static decimal? Money(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && decimal.Round(value, 3) == value
            ? value : null;

    private static Invalid NotInMinorUnits(string field, string currency) =>
        new([new FieldError(field, $"{currency} is counted to {PersonDays.MinorUnits(currency)} decimal place(s): state the amount in whole minor units.")]);
}
