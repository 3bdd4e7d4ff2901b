using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.CourtOrders;

/// <summary>When the order was lifted (default: now).</summary>
public sealed record LiftCourtOrderRequest(string? LiftedAt);

/// <summary>
/// Records that the court lifted the order: screening stops counting it from the instant it was
/// lifted, so a removal it held back may go ahead. 409 if it already was.
/// </summary>
public sealed class LiftCourtOrder(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<CourtOrderView>> HandleAsync(Guid orderId, LiftCourtOrderRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Instants.ReadPast(request.LiftedAt, time.GetUtcNow(), "liftedAt", out var liftedAt) is { } error)
        {
            return Task.FromResult(Result<CourtOrderView>.Fail(new Invalid([error])));
        }
        var lifted = Instants.Utc(liftedAt);
        return CourtOrderChanges.RunAsync(db, time, orderId, viewer, order => CourtOrderRules.Lift(order, lifted), cancellationToken);
    }
}
