using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Transfers;

/// <summary>A discrepancy: <c>missing</c>, <c>extra</c>, <c>injured</c>, <c>identity-doubt</c> or <c>other</c>, about a person on the manifest or (for <c>extra</c>) not.</summary>
public sealed record DiscrepancyRequest(PersonId? PersonId, string? Kind, string? Note);

/// <summary>Records a discrepancy found on arrival or hand-over, as found, never smoothed over.</summary>
public sealed class RecordDiscrepancy(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, DiscrepancyRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (request.Kind is null || !ManifestDiscrepancy.Kinds.Contains(request.Kind))
        {
            errors.Add(new FieldError("kind", $"One of: {string.Join(", ", ManifestDiscrepancy.Kinds)}."));
        }
        TransferInput.Require(errors, "note", request.Note, 2000);
        if (request.PersonId is null && request.Kind is not ("extra" or "other"))
        {
            errors.Add(new FieldError("personId", "Required: the person on the manifest this concerns."));
        }
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        return ManifestSession.RunAsync(db, time, manifest, async (session, now) =>
        {
            var onManifest = request.PersonId is { } person ? session.Person(person) : null;
            var recorded = HandOverRules.Discrepancy(session.Manifest, Guid.CreateVersion7(now), request.PersonId, onManifest, request.Kind!, request.Note!.Trim());
            if (await session.RefusedAsync(recorded, cancellationToken) is { } refused)
            {
                return refused;
            }
            session.Record(recorded.Change!, viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
