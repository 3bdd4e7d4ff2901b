using System.Globalization;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>A payment received: amount (decimal string), the date paid and the bank's reference.</summary>
public sealed record RecordPaymentRequest(string? Amount, string? PaidOn, string? Reference);

/// <summary>
/// The payer records a payment received against an issued invoice, once made and never more than
/// is outstanding: the balance (invoiced − credited − paid) never goes below zero, so an overpayment
/// is caught when it is entered, not at the year's reconciliation.
/// </summary>
public sealed class RecordPayment(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<PaymentView>> HandleAsync(Guid invoiceId, RecordPaymentRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        var errors = new List<FieldError>();
        var amount = InvoiceAmounts.Money(request.Amount);
        if (amount is null)
        {
            errors.Add(new FieldError("amount", "A positive amount with at most the currency's minor unit of decimals, such as 1205.38."));
        }
        if (!DateOnly.TryParseExact(request.PaidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var paidOn))
        {
            errors.Add(new FieldError("paidOn", "The date paid, YYYY-MM-DD."));
        }
        else if (paidOn > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            errors.Add(new FieldError("paidOn", "A payment is recorded once made; this date is in the future."));
        }
        TransferInput.Require(errors, "reference", request.Reference, 200);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<PaymentView>(db, time, async work =>
        {
            if (await InvoiceAmounts.BalanceOfAsync(db, invoiceId, cancellationToken) is not { } balance)
            {
                return new NotFound($"No invoice {invoiceId}.");
            }
            var currency = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => i.Currency).SingleAsync(cancellationToken);
            var id = Guid.CreateVersion7(time.GetUtcNow());
            var paid = DisputeLifecycle.Pay(balance, currency, id, amount!.Value, paidOn, request.Reference!.Trim());
            if (paid.Refusal is { } refusal)
            {
                return new StateConflict(refusal, balance);
            }
            if (paid.Failure is { } failure)
            {
                return failure;
            }
            work.Record(paid.Change!, viewer.Actor);
            return PaymentView.Of(db.Payments.Local.Single(p => p.Id == id));
        }, cancellationToken);
    }
}
