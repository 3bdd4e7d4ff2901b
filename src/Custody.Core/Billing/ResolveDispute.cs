using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>The resolution; when upheld, <c>CreditAmount</c> (a decimal string) issues a credit note against the invoice.</summary>
public sealed record ResolveDisputeRequest(bool Upheld, string? Resolution, string? CreditAmount);

/// <summary>
/// A court settles a dispute the two sides did not: upheld (with a credit amount, a credit note
/// against the invoice) or rejected. Someone other than who raised it decides, and a settled dispute
/// is never decided again, so the money follows one decision.
/// </summary>
public sealed class ResolveDispute(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<DisputeView>> HandleAsync(Guid disputeId, ResolveDisputeRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "resolution", request.Resolution, 2000);
        var credit = InvoiceAmounts.CreditOf(request.Upheld, request.CreditAmount, "Only an upheld dispute issues a credit note.", errors);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var resolution = request.Resolution!.Trim();
        return await UnitOfWork.RunAsync<DisputeView>(db, time, async work =>
        {
            var dispute = await db.Disputes.SingleOrDefaultAsync(d => d.Id == disputeId, cancellationToken);
            if (dispute is null)
            {
                return new NotFound($"No dispute {disputeId}.");
            }
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == dispute.InvoiceId, cancellationToken);
            var credited = credit is null ? 0 : await InvoiceAmounts.CreditedAsync(db, invoice.Id, cancellationToken);
            var resolved = DisputeLifecycle.Decide(dispute, invoice, viewer.Actor, request.Upheld, resolution, credit, credited);
            if (resolved.Refusal is { } refusal)
            {
                return new StateConflict(refusal, DisputeView.Of(dispute));
            }
            if (resolved.Failure is { } failure)
            {
                return failure;
            }
            work.Record(resolved.Change!, viewer.Actor);
            if (credit is { } amount)
            {
                await InvoiceAmounts.IssueCreditNoteAsync(work, invoice, credited, amount, resolution, disputeId, viewer.Actor, cancellationToken);
            }
            return DisputeView.Of(dispute);
        }, cancellationToken);
    }
}
