using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Corrections;

/// <summary>The second user's decision: approve, or reject with a reason.</summary>
public sealed record DecideCorrectionRequest(bool Approve, string? Reason = null);

/// <summary>
/// Approves or rejects a proposed correction, once: by another user than the proposer, of the side
/// responsible for the record (<see cref="CorrectionSides"/>). Approved, it takes effect through the ledger.
/// </summary>
public sealed class DecideCorrection(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<CorrectionView>> HandleAsync(Guid correctionId, DecideCorrectionRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!request.Approve && string.IsNullOrWhiteSpace(request.Reason))
        {
            return new Invalid([new FieldError("reason", "Say why the correction is rejected.")]);
        }
        return await UnitOfWork.RunAsync<CorrectionView>(db, time, work => Task.FromResult(Decide(work, correctionId, request, viewer)), cancellationToken);
    }

    private static Result<CorrectionView> Decide(UnitOfWork work, Guid correctionId, DecideCorrectionRequest request, Viewer viewer)
    {
        if (work.Store.Find<Correction>(correctionId) is not { } correction)
        {
            return new NotFound($"No correction {correctionId}.");
        }
        if (correction.Status != Correction.Proposed)
        {
            return new Conflict($"The correction was already {correction.Status} by {correction.DecidedBy}.");
        }
        if (correction.ProposedBy == viewer.Actor)
        {
            return new Forbidden("A correction is approved or rejected by a second user, not the one who proposed it.");
        }
        if (!CorrectionSides.RolesOf(correction.Side).Any(r => viewer.Roles?.Contains(r) == true))
        {
            return new Forbidden($"Only the {correction.Side} side ({string.Join(", ", CorrectionSides.RolesOf(correction.Side))}) decides a correction of its own records.");
        }
        if (request.Approve)
        {
            work.Record(new CorrectionApproved(correctionId, correction.PersonId), viewer.Actor);
        }
        else
        {
            work.Record(new CorrectionRejected(correctionId, correction.PersonId, request.Reason!.Trim()), viewer.Actor);
        }
        return CorrectionView.Of(correction);
    }
}
