using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>The payee's answer to a dispute; upheld may offer <c>CreditAmount</c> (a decimal string), credited once the payer accepts.</summary>
public sealed record AnswerDisputeRequest(bool Upheld, string? Answer, string? CreditAmount);

/// <summary>
/// The payee answers an open or contested dispute: upheld (offering a credit) or rejected, and why.
/// It settles nothing until the payer accepts it, so neither side settles the money alone.
/// </summary>
public sealed class AnswerDispute(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<DisputeView>> HandleAsync(Guid disputeId, AnswerDisputeRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "answer", request.Answer, 2000);
        var credit = InvoiceAmounts.CreditOf(request.Upheld, request.CreditAmount, "Only an answer that upholds the dispute offers a credit.", errors);
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
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == dispute.InvoiceId, cancellationToken);
            var credited = credit is null ? 0 : await InvoiceAmounts.CreditedAsync(db, invoice.Id, cancellationToken);
            var answered = DisputeLifecycle.Answer(dispute, invoice, request.Upheld, request.Answer!.Trim(), credit, credited);
            if (answered.Refusal is { } refusal)
            {
                return new StateConflict(refusal, DisputeView.Of(dispute));
            }
            if (answered.Failure is { } failure)
            {
                return failure;
            }
            work.Record(answered.Change!, viewer.Actor);
            return DisputeView.Of(dispute);
        }, cancellationToken);
    }
}
