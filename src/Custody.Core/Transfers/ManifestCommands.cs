using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>A movement to plan; <c>Direction</c> <c>return</c> carries people held pending return back to the sending state (default <c>transfer</c>).</summary>
public sealed record CreateManifestRequest(string? AgreementId, string? Carrier, string? Movement, string? OriginFacilityId, string? DestinationFacilityId,
    string? ScheduledDeparture, string? Direction = null);

/// <summary>Adds a person as <c>principal</c> (travels) or <c>alternate</c> (may replace a principal only by an approved substitution).</summary>
public sealed record AddToManifestRequest(Guid? PersonId, string? Role);

/// <summary>The reason for a removal, an unlock or a disembarkation: always required, always ledgered.</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>Replaces principal <c>Out</c> by alternate <c>In</c>, approved by the transfer supervisor who sends it.</summary>
public sealed record SubstituteRequest(Guid? Out, Guid? In, string? Reason);

/// <summary>
/// Building a manifest: create, add and remove people, lock (everyone screened, the agreement's
/// person cap held), unlock, and substitute an alternate for a principal. Every step that moves
/// a person closer to the receiving state screens them at its instant; a blocked step writes nothing.
/// </summary>
public sealed class ManifestCommands(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<ManifestView>> CreateAsync(CreateManifestRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "carrier", request.Carrier, 100);
        TransferInput.Require(errors, "movement", request.Movement, 50);
        if (!Instants.TryParseRfc3339(request.ScheduledDeparture?.Trim(), out var departure))
        {
            errors.Add(new FieldError("scheduledDeparture", Instants.Rfc3339Expected));
        }
        if (string.IsNullOrWhiteSpace(request.AgreementId))
        {
            errors.Add(new FieldError("agreementId", "Required: the agreement the movement is under."));
        }
        if (string.IsNullOrWhiteSpace(request.OriginFacilityId))
        {
            errors.Add(new FieldError("originFacilityId", "Required: the sending state's facility the movement leaves from."));
        }
        if (string.IsNullOrWhiteSpace(request.DestinationFacilityId))
        {
            errors.Add(new FieldError("destinationFacilityId", "Required: the receiving state's facility the people are handed over at."));
        }
        var direction = request.Direction ?? ManifestDirections.Transfer;
        if (direction is not (ManifestDirections.Transfer or ManifestDirections.Return))
        {
            errors.Add(new FieldError("direction", "transfer (to the receiving state) or return (back to the sending state)."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<ManifestView>(db, time, async work =>
        {
            var agreement = await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.AgreementId, cancellationToken);
            var origin = await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.OriginFacilityId, cancellationToken);
            var destination = await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.DestinationFacilityId, cancellationToken);
            if (agreement is null)
            {
                errors.Add(new FieldError("agreementId", $"No agreement {request.AgreementId}."));
            }
            // A transfer leaves the sending state for the receiving one; a return goes the other way.
            var (from, to) = direction == ManifestDirections.Return ? (agreement?.ReceivingState, agreement?.SendingState) : (agreement?.SendingState, agreement?.ReceivingState);
            if (origin is null || (agreement is not null && origin.State != from))
            {
                errors.Add(new FieldError("originFacilityId", origin is null ? $"No facility {request.OriginFacilityId}." : $"The origin of a {direction} must be in {from}."));
            }
            if (destination is null || (agreement is not null && destination.State != to))
            {
                errors.Add(new FieldError("destinationFacilityId", destination is null ? $"No facility {request.DestinationFacilityId}." : $"The destination of a {direction} must be in {to}."));
            }
            if (errors.Count > 0)
            {
                return new Invalid(errors);
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new ManifestCreated(id, agreement!.Id, request.Carrier!.Trim(), request.Movement!.Trim(), origin!.Id, destination!.Id, Instants.Utc(departure),
                direction == ManifestDirections.Return ? direction : null), viewer.Actor);
            return ReadManifests.Of(work.Store.Find<Manifest>(id)!, [], _ => default, []);
        }, cancellationToken);
    }

    public Task<Result<ManifestView>> AddPersonAsync(Guid manifestId, AddToManifestRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
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
        var personId = request.PersonId!.Value;
        return InSessionAsync(manifestId, viewer, async (session, now) =>
        {
            if (ManifestLifecycle.RefuseAdd(session.Manifest.Status) is { } closed)
            {
                return await session.ConflictAsync(closed, cancellationToken);
            }
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            if (session.Person(personId) is { } already)
            {
                return await session.ConflictAsync(ManifestLifecycle.RefuseAddAgain(already), cancellationToken);
            }
            if (await OnAnotherMovementAsync(personId, manifestId, cancellationToken) is { } other)
            {
                return await session.ConflictAsync($"The person is already on manifest {other} that has not arrived.", cancellationToken);
            }
            // A transfer takes someone the sending state holds; a return, only someone held pending return under this agreement.
            var refusal = !session.Manifest.IsReturn ? await MayLeaveAsync(personId, cancellationToken)
                : await PendingReturnAsync(personId, session.Manifest.AgreementId, cancellationToken) is null
                    ? "Only a person held pending return (return-required on an arrived movement under this agreement) is put on a return." : null;
            if (refusal is not null)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            // Added first so that the nomination's screening is recorded as the person's last on this
            // manifest; a blocked nomination rolls the addition back with everything else.
            session.Record(new ManifestPersonAdded(manifestId, personId, request.Role!), viewer.Actor);
            var blocked = await session.ScreenAsync(new StepScreening(db, time), [personId], TransferSteps.Nomination, now, viewer.Actor, cancellationToken);
            if (blocked.Failure is { } failure)
            {
                return failure;
            }
            if (blocked.Value!.Count > 0)
            {
                return new Blocked(blocked.Value[0].Decision);
            }
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task<Result<ManifestView>> RemovePersonAsync(Guid manifestId, Guid personId, ReasonRequest request, Viewer viewer, CancellationToken cancellationToken = default) =>
        WithReasonAsync(manifestId, request, viewer, async (session, reason, _) =>
        {
            if (ManifestLifecycle.RefuseRemove(session.Manifest.Status) is { } closed)
            {
                return await session.ConflictAsync(closed, cancellationToken);
            }
            if (session.Person(personId) is not { Status: ManifestPersonStatuses.Listed })
            {
                return new NotFound($"Person {personId} is not listed on manifest {manifestId}.");
            }
            session.Record(new ManifestPersonRemoved(manifestId, personId, reason), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);

    public Task<Result<ManifestView>> LockAsync(Guid manifestId, Viewer viewer, CancellationToken cancellationToken = default) =>
        InSessionAsync(manifestId, viewer, async (session, now) =>
        {
            if (ManifestLifecycle.RefuseLock(session.Manifest.Status, session.People) is { } refusal)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            var listed = session.People.Where(p => p.Status == ManifestPersonStatuses.Listed).ToList();
            var principals = listed.Count(p => p.IsPrincipal);
            if (session.Manifest.IsReturn)
            {
                // A return is neither screened nor counted against the cap: it ends a custody the law forbids.
                session.Record(new ManifestLocked(manifestId), viewer.Actor);
                return await session.ViewAsync(cancellationToken);
            }
            if (session.VersionInForce(now) is not { } version)
            {
                return await session.ConflictAsync($"Agreement {session.Agreement.Id} is not in force.", cancellationToken);
            }
            if (version.PersonCap is { } cap && ManifestLifecycle.RefuseOverCap(cap, await CommittedAsync(session.Manifest, cancellationToken), principals) is { } overCap)
            {
                return await session.ConflictAsync(overCap, cancellationToken);
            }
            var blocked = await session.ScreenAsync(new StepScreening(db, time), listed.Select(p => p.PersonId).ToList(), TransferSteps.ManifestLock, now, viewer.Actor, cancellationToken);
            if (blocked.Failure is { } failure)
            {
                return failure;
            }
            if (blocked.Value!.Count > 0)
            {
                return new PeopleBlocked(blocked.Value);
            }
            session.Record(new ManifestLocked(manifestId), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);

    public Task<Result<ManifestView>> UnlockAsync(Guid manifestId, ReasonRequest request, Viewer viewer, CancellationToken cancellationToken = default) =>
        WithReasonAsync(manifestId, request, viewer, async (session, reason, _) =>
        {
            if (ManifestLifecycle.RefuseUnlock(session.Manifest.Status, session.People) is { } refusal)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            session.Record(new ManifestUnlocked(manifestId, reason), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);

    public Task<Result<ManifestView>> SubstituteAsync(Guid manifestId, SubstituteRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
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
        return WithReasonAsync(manifestId, new ReasonRequest(request.Reason), viewer, async (session, reason, now) =>
        {
            var outgoing = session.Person(request.Out!.Value);
            var incoming = session.Person(request.In!.Value);
            if (outgoing is null || incoming is null)
            {
                return new NotFound($"{(outgoing is null ? request.Out : request.In)} is not on manifest {manifestId}.");
            }
            if (ManifestLifecycle.RefuseSubstitution(session.Manifest.Status, outgoing, incoming) is { } refusal)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            var blocked = await session.ScreenAsync(new StepScreening(db, time), [incoming.PersonId], TransferSteps.Substitution, now, viewer.Actor, cancellationToken);
            if (blocked.Failure is { } failure)
            {
                return failure;
            }
            if (blocked.Value!.Count > 0)
            {
                return new Blocked(blocked.Value[0].Decision);
            }
            session.Record(new ManifestSubstituted(manifestId, outgoing.PersonId, incoming.PersonId, reason), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="body"/> on the manifest inside one unit of work; 404 when there is no such manifest.</summary>
    internal Task<Result<ManifestView>> InSessionAsync(Guid manifestId, Viewer viewer, Func<ManifestSession, DateTimeOffset, Task<Result<ManifestView>>> body,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<ManifestView>(db, time, async work =>
        {
            var session = await ManifestSession.LoadAsync(work, manifestId, cancellationToken);
            return session is null ? new NotFound($"No manifest {manifestId}.") : await body(session, time.GetUtcNow());
        }, cancellationToken);
    }

    internal Task<Result<ManifestView>> WithReasonAsync(Guid manifestId, ReasonRequest request, Viewer viewer,
        Func<ManifestSession, string, DateTimeOffset, Task<Result<ManifestView>>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 1000)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid([new FieldError("reason", "Required: why, 1 to 1000 characters.")])));
        }
        return InSessionAsync(manifestId, viewer, (session, now) => body(session, request.Reason.Trim(), now), cancellationToken);
    }

    /// <summary>The arrived transfer on which the person is held pending return under this agreement, if any.</summary>
    internal async Task<ManifestPerson?> PendingReturnAsync(Guid personId, string agreementId, CancellationToken cancellationToken) =>
        await (from p in db.ManifestPeople
               join m in db.Manifests on p.ManifestId equals m.Id
               where p.PersonId == personId && m.AgreementId == agreementId && m.Direction == ManifestDirections.Transfer && m.Status == ManifestStatuses.Arrived
                   && p.Alert == ManifestAlerts.ReturnRequired
               select p).FirstOrDefaultAsync(cancellationToken);

    // A person travels on one movement at a time.
    private async Task<Guid?> OnAnotherMovementAsync(Guid personId, Guid manifestId, CancellationToken cancellationToken)
    {
        var active = new[] { ManifestPersonStatuses.Listed, ManifestPersonStatuses.Boarded, ManifestPersonStatuses.Dispatched };
        var other = await (from p in db.ManifestPeople
                           join m in db.Manifests on p.ManifestId equals m.Id
                           where p.PersonId == personId && p.ManifestId != manifestId && active.Contains(p.Status) && m.Status != ManifestStatuses.Arrived
                           select (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        return other;
    }

    // Only someone still held by the sending side can be put on a movement.
    private async Task<string?> MayLeaveAsync(Guid personId, CancellationToken cancellationToken)
    {
        var current = await db.CustodyRecords.AsNoTracking().SingleAsync(r => r.PersonId == personId && r.IsCurrent, cancellationToken);
        return current.PlaceKind switch
        {
            CustodyPlaces.CaseSystem or CustodyPlaces.Facility when current.OnBehalfOf is null => null,
            _ => $"The person's current custody record ({current.Event}, {current.PlaceKind}, custodian {current.Custodian}) does not allow a transfer from the sending state.",
        };
    }

    // The agreement's cap counts people held under it now (in a receiving facility on the sending
    // state's behalf: never the dead, the escaped, the released or the returned) plus principals
    // still to be handed over on locked or moving manifests.
    private async Task<int> CommittedAsync(Manifest manifest, CancellationToken cancellationToken)
    {
        var held = await db.CustodyRecords.CountAsync(r => r.AgreementId == manifest.AgreementId && r.IsCurrent && r.OnBehalfOf != null
            && (r.PlaceKind == CustodyPlaces.Facility || r.PlaceKind == CustodyPlaces.Hospital), cancellationToken);
        var pending = new[] { ManifestPersonStatuses.Listed, ManifestPersonStatuses.Boarded, ManifestPersonStatuses.Dispatched };
        var onManifests = await (from p in db.ManifestPeople
                                 join m in db.Manifests on p.ManifestId equals m.Id
                                 where m.AgreementId == manifest.AgreementId && m.Id != manifest.Id && m.Status != ManifestStatuses.Draft && m.Direction == ManifestDirections.Transfer
                                     && p.Role == ManifestRoles.Principal && pending.Contains(p.Status)
                                 select p.PersonId).CountAsync(cancellationToken);
        return held + onManifests;
    }
}
