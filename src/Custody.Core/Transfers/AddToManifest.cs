using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>Adds a person as <c>principal</c> (travels) or <c>alternate</c> (may replace a principal only by an approved substitution).</summary>
public sealed record AddToManifestRequest(PersonId? PersonId, string? Role);

/// <summary>
/// Nominates a person for a draft manifest, screened at nomination: on a transfer someone the
/// sending state still holds, on a return only someone held pending return under the agreement;
/// one movement at a time.
/// </summary>
public sealed class AddToManifest(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, AddToManifestRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (request.PersonId is null)
        {
            errors.Add(new FieldError("personId", "Required: the register id of the person."));
        }
        if (request.Role is not (ManifestRoles.Principal or ManifestRoles.Alternate))
        {
            errors.Add(new FieldError("role", "principal or alternate."));
        }
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        var person = request.PersonId!.Value;
        return ManifestSession.RunAsync(db, time, manifest, async (session, now) =>
        {
            var added = ManifestLifecycle.Add(session.Manifest, session.Person(person), person, request.Role!);
            if (await session.RefusedAsync(added, cancellationToken) is { } refused)
            {
                return refused;
            }
            if (await viewer.FindPersonAsync(db, person, cancellationToken) is null)
            {
                return new NotFound($"No person {person} in the register.");
            }
            if (await OnAnotherMovementAsync(person, manifest, cancellationToken) is { } other)
            {
                return await session.ConflictAsync($"The person is already on manifest {other} that has not arrived.", cancellationToken);
            }
            // A transfer takes someone the sending state holds; a return, only someone held pending return under this agreement.
            var refusal = !session.Manifest.IsReturn ? await MayLeaveAsync(person, cancellationToken)
                : await PendingReturn.FindAsync(db, person, session.Manifest.AgreementId, cancellationToken) is null
                    ? "Only a person held pending return (return-required on an arrived movement under this agreement) is put on a return." : null;
            if (refusal is not null)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            // Added first so that the nomination's screening is recorded as the person's last on this
            // manifest; a blocked nomination rolls the addition back with everything else.
            session.Record(added.Change!, viewer.Actor);
            if (await session.ScreenOneAsync(new StepScreening(db, time), person, TransferSteps.Nomination, now, viewer.Actor, cancellationToken) is { } blocked)
            {
                return blocked;
            }
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }

    // A person travels on one movement at a time.
    private async Task<Guid?> OnAnotherMovementAsync(PersonId person, ManifestId manifest, CancellationToken cancellationToken)
    {
        var active = new[] { ManifestPersonStatuses.Listed, ManifestPersonStatuses.Boarded, ManifestPersonStatuses.Dispatched };
        return await (from p in db.ManifestPeople
                      join m in db.Manifests on p.ManifestId equals m.Id
                      where p.PersonId == person.Value && p.ManifestId != manifest.Value && active.Contains(p.Status) && m.Status != ManifestStatuses.Arrived
                      select (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
    }

    // Only someone still held by the sending side can be put on a movement.
    private async Task<string?> MayLeaveAsync(PersonId person, CancellationToken cancellationToken)
    {
        var current = await db.CustodyRecords.AsNoTracking().SingleAsync(r => r.PersonId == person.Value && r.IsCurrent, cancellationToken);
        return current.PlaceKind switch
        {
            CustodyPlaces.CaseSystem or CustodyPlaces.Facility when current.OnBehalfOf is null => null,
            _ => $"The person's current custody record ({current.Event}, {current.PlaceKind}, custodian {current.Custodian}) does not allow a transfer from the sending state.",
        };
    }
}
