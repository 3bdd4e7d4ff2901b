using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;

namespace Custody.Transfers;

/// <summary>Replaces principal <c>Out</c> by alternate <c>In</c>, approved by the transfer supervisor who sends it.</summary>
public sealed record SubstituteRequest(PersonId? Out, PersonId? In, string? Reason);

/// <summary>An alternate takes a principal's place, after a fresh screening of the alternate; never by position.</summary>
public sealed class SubstituteAlternate(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, SubstituteRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (request.Out is null)
        {
            errors.Add(new FieldError("out", "Required: the principal who will not travel."));
        }
        if (request.In is null)
        {
            errors.Add(new FieldError("in", "Required: the alternate who takes the place."));
        }
        else if (request.In == request.Out)
        {
            errors.Add(new FieldError("in", "The alternate must be another person."));
        }
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        var (outId, inId) = (request.Out!.Value, request.In!.Value);
        return ManifestSession.RunWithReasonAsync(db, time, manifest, request.Reason, async (session, reason, now) =>
        {
            var substituted = ManifestLifecycle.Substitute(session.Manifest, session.Person(outId), session.Person(inId), outId, inId, reason);
            if (await session.RefusedAsync(substituted, cancellationToken) is { } refused)
            {
                return refused;
            }
            if (await session.ScreenOneAsync(new StepScreening(db, time), inId, TransferSteps.Substitution, now, viewer.Actor, cancellationToken) is { } blocked)
            {
                return blocked;
            }
            session.Record(substituted.Change!, viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
