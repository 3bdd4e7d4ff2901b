using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>The payer's response to the answer: accepted (the dispute is settled as answered) or not, and why.</summary>
public sealed record AnswerResponseRequest(bool Accepted, string? Reason);

/// <summary>
/// The payer accepts the payee's answer (settling the dispute as answered, an upheld answer's credit
/// becoming a credit note) or rejects it, saying why (the dispute is contested: another answer, or a
/// court). A dispute is settled by both sides agreeing, never by the payee's answer alone.
/// </summary>
public sealed class RespondToDisputeAnswer(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<DisputeView>> HandleAsync(Guid disputeId, AnswerResponseRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        if (!request.Accepted && string.IsNullOrWhiteSpace(request.Reason))
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
            if (!request.Accepted)
            {
                var rejected = DisputeLifecycle.RejectAnswer(dispute, request.Reason!.Trim());
                if (rejected.Refusal is { } notAnswered)
                {
                    return new StateConflict(notAnswered, DisputeView.Of(dispute));
                }
                work.Record(rejected.Change!, viewer.Actor);
                return DisputeView.Of(dispute);
            }
            var accepted = DisputeLifecycle.Accept(dispute);
            if (accepted.Refusal is { } refusal)
            {
                return new StateConflict(refusal, DisputeView.Of(dispute));
            }
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == dispute.InvoiceId, cancellationToken);
            work.Record(accepted.Change!, viewer.Actor);
            if (dispute.AnswerUpheld == true && dispute.AnswerCredit is { } amount)
            {
                // Checked once the settlement is recorded: a refusal answers with the dispute as settled, and rolls both back.
                var credited = await InvoiceAmounts.CreditedAsync(db, invoice.Id, cancellationToken);
                var note = await InvoiceAmounts.IssueCreditNoteAsync(work, invoice, credited, amount, dispute.Answer!, disputeId, viewer.Actor, cancellationToken);
                if (note.Refusal is { } tooMuch)
                {
                    return new StateConflict(tooMuch, DisputeView.Of(dispute));
                }
            }
            return DisputeView.Of(dispute);
        }, cancellationToken);
    }
}
