using System.Globalization;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>A payment hold from a date (YYYY-MM-DD) for one person or, without personId, everyone under the agreement.</summary>
public sealed record PlaceHoldRequest(string? AgreementId, PersonId? PersonId, string? From, string? Reason);

/// <summary>
/// Places a payment hold from a date, for one person or everyone under the agreement: the sending
/// side stops paying for days it disputes in advance (a court's production or locate request
/// unanswered past its deadline), and the draft withholds every day the hold covers.
/// </summary>
public sealed class PlacePaymentHold(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<PaymentHoldView>> HandleAsync(PlaceHoldRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (!DateOnly.TryParseExact(request.From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            errors.Add(new FieldError("from", "The first date held, YYYY-MM-DD."));
        }
        TransferInput.Require(errors, "reason", request.Reason, 1000);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<PaymentHoldView>(db, time, async work =>
        {
            if (!await db.Agreements.AnyAsync(a => a.Id == request.AgreementId, cancellationToken))
            {
                return new NotFound($"No agreement {request.AgreementId}.");
            }
            if (request.PersonId is { } person && !await db.People.AnyAsync(p => p.Id == person.Value, cancellationToken))
            {
                return new NotFound($"No person {person} in the register.");
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new PaymentHoldPlaced(id, request.AgreementId!, from, request.Reason!.Trim(), request.PersonId?.Value), viewer.Actor);
            return PaymentHoldView.Of(work.Store.Find<PaymentHold>(id)!);
        }, cancellationToken);
    }
}
