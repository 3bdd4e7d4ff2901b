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

/// <summary>
/// The payer disputes an issued invoice, one line or the whole of it. The invoice itself never
/// changes: the payee answers the dispute, and it is settled only when the payer accepts the answer
/// or a court decides, an upheld dispute by a credit note that references the invoice.
/// </summary>
public sealed class RaiseDispute(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<DisputeView>> HandleAsync(Guid invoiceId, RaiseDisputeRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        TransferInput.Require(errors, "reason", request.Reason, 2000);
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
            if (request.ExternalId is { } externalId && !(JsonNode.Parse(invoice.Document)!["lines"]!.AsArray()).Any(l => l!["externalId"]!.GetValue<string>() == externalId))
            {
                return new Invalid([new FieldError("externalId", $"Invoice {invoice.Number} has no line for {externalId}.")]);
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new DisputeRaised(id, invoiceId, request.Reason!.Trim(), request.ExternalId), viewer.Actor);
            return DisputeView.Of(work.Store.Find<Dispute>(id)!);
        }, cancellationToken);
    }
}
