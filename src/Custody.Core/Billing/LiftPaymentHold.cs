using System.Globalization;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>The first date no longer held (YYYY-MM-DD).</summary>
public sealed record LiftHoldRequest(string? LiftedOn);

/// <summary>
/// Lifts a payment hold from a date (the first date no longer held), once: the days before it stay
/// withheld, as they were when the hold was placed, so an invoice already drafted or issued keeps its meaning.
/// </summary>
public sealed class LiftPaymentHold(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<PaymentHoldView>> HandleAsync(Guid holdId, LiftHoldRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!DateOnly.TryParseExact(request.LiftedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var liftedOn))
        {
            return new Invalid([new FieldError("liftedOn", "The first date no longer held, YYYY-MM-DD.")]);
        }
        return await UnitOfWork.RunAsync<PaymentHoldView>(db, time, async work =>
        {
            var hold = await db.PaymentHolds.SingleOrDefaultAsync(h => h.Id == holdId, cancellationToken);
            if (hold is null)
            {
                return new NotFound($"No payment hold {holdId}.");
            }
            if (hold.LiftedOn is { } lifted)
            {
                return new StateConflict($"The hold was lifted from {lifted:yyyy-MM-dd}.", hold);
            }
            if (liftedOn <= hold.From)
            {
                return new Invalid([new FieldError("liftedOn", "A hold is lifted after the date it starts.")]);
            }
            work.Record(new PaymentHoldLifted(holdId, hold.AgreementId, liftedOn), viewer.Actor);
            return PaymentHoldView.Of(hold);
        }, cancellationToken);
    }
}
