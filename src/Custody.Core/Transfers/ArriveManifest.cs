using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Transfers;

/// <summary>When the movement arrived (default now).</summary>
public sealed record ArriveRequest(string? ArrivedAt);

/// <summary>Records a departed movement's arrival at its destination (never before it departed).</summary>
public sealed class ArriveManifest(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, ArriveRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var arrivedAt = TransferInput.Past(errors, "arrivedAt", request.ArrivedAt, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        return ManifestSession.RunAsync(db, time, manifest, async (session, _) =>
        {
            var arrived = HandOverRules.Arrive(session.Manifest);
            if (await session.RefusedAsync(arrived, cancellationToken) is { } refused)
            {
                return refused;
            }
            if (arrivedAt < session.Manifest.DepartedAt)
            {
                return new Invalid([new FieldError("arrivedAt", "A movement arrives after it departed.")]);
            }
            session.Record(arrived.Change!, viewer.Actor, arrivedAt);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
