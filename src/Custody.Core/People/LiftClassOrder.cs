using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.People;

/// <summary>When the court lifted the class order (RFC 3339; default: now).</summary>
public sealed record LiftClassOrderRequest(string? LiftedAt);

/// <summary>
/// Records that the court lifted a class order, ledgered like an import's change: screening stops
/// protecting the people it covered from the instant it was lifted.
/// </summary>
public sealed class LiftClassOrder(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<ClassOrderView>> HandleAsync(string id, LiftClassOrderRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (Instants.ReadPast(request.LiftedAt, time.GetUtcNow(), "liftedAt", out var at) is { } error)
        {
            return new Invalid([error]);
        }
        var lifted = Instants.Utc(at);
        return await ClassOrderChanges.RunAsync(db, time, id, viewer, order => ClassOrderRules.Lift(order, lifted), cancellationToken);
    }
}
