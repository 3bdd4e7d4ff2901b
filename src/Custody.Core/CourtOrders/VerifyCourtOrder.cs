using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.CourtOrders;

/// <summary>
/// Records that the order was checked with the court (courts, legal reviewers): the order blocked
/// all along; verification tells the people acting on it that it is the court's. 409 if it already was.
/// </summary>
public sealed class VerifyCourtOrder(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<CourtOrderView>> HandleAsync(Guid orderId, Viewer viewer, CancellationToken cancellationToken = default) =>
        CourtOrderChanges.RunAsync(db, time, orderId, viewer, CourtOrderRules.Verify, cancellationToken);
}
