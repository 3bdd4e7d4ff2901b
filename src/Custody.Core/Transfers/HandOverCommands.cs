using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;

namespace Custody.Transfers;

/// <summary>When the movement arrived (default now).</summary>
public sealed record ArriveRequest(string? ArrivedAt);

/// <summary>A discrepancy: <c>missing</c>, <c>extra</c>, <c>injured</c>, <c>identity-doubt</c> or <c>other</c>, about a person on the manifest or (for <c>extra</c>) not.</summary>
public sealed record DiscrepancyRequest(Guid? PersonId, string? Kind, string? Note);

/// <summary>
/// Arrival and the two-party hand-over (DOMAIN.md invariant 4): person by person the dispatching
/// official acknowledges, then a different, receiving official; only the second acknowledgement
/// passes custody to the receiving state — held on behalf of the sending state, funded by it.
/// Both acknowledgements screen again; a blocked or "return required" person is not handed over.
/// Which roles acknowledge which side depends on the direction (<see cref="HandOverSides"/>).
/// </summary>
public sealed class HandOverCommands(CustodyDbContext db, TimeProvider time)
{
    private ManifestCommands Manifests => new(db, time);

    public Task<Result<ManifestView>> ArriveAsync(Guid manifestId, ArriveRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        var arrivedAt = TransferInput.Past(errors, "arrivedAt", request.ArrivedAt, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        return Manifests.InSessionAsync(manifestId, viewer, async (session, _) =>
        {
            if (HandOverRules.RefuseArrival(session.Manifest.Status) is { } refusal)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            if (arrivedAt < session.Manifest.DepartedAt)
            {
                return new Invalid([new FieldError("arrivedAt", "A movement arrives after it departed.")]);
            }
            session.Record(new ManifestArrived(manifestId), viewer.Actor, arrivedAt);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The sending official hands the person over (first acknowledgement).</summary>
    public Task<Result<ManifestView>> DispatchAsync(Guid manifestId, Guid personId, Viewer viewer, CancellationToken cancellationToken = default) =>
        Manifests.InSessionAsync(manifestId, viewer, async (session, now) =>
        {
            if (await RefuseAsync(session, manifestId, personId, ManifestPersonStatuses.Boarded, cancellationToken) is { } refusal)
            {
                return refusal;
            }
            if (HandOverSides.Refuse(session.Manifest.Direction, receiving: false, viewer) is { } wrongSide)
            {
                return wrongSide;
            }
            if (await ScreenAsync(session, personId, now, viewer.Actor, cancellationToken) is { } blocked)
            {
                return blocked;
            }
            session.Record(new ManifestPersonDispatched(manifestId, personId), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>The receiving official takes the person (second acknowledgement): custody passes to the receiving state.</summary>
    public Task<Result<ManifestView>> ReceiveAsync(Guid manifestId, Guid personId, Viewer viewer, CancellationToken cancellationToken = default) =>
        Manifests.InSessionAsync(manifestId, viewer, async (session, now) =>
        {
            if (await RefuseAsync(session, manifestId, personId, ManifestPersonStatuses.Dispatched, cancellationToken) is { } refusal)
            {
                return refusal;
            }
            if (HandOverSides.Refuse(session.Manifest.Direction, receiving: true, viewer) is { } wrongSide)
            {
                return wrongSide;
            }
            if (HandOverRules.RefuseSameOfficial(session.Person(personId)!, viewer.Actor) is { } sameOfficial)
            {
                return await session.ConflictAsync(sameOfficial, cancellationToken);
            }
            if (await ScreenAsync(session, personId, now, viewer.Actor, cancellationToken) is { } blocked)
            {
                return blocked;
            }
            session.Record(new ManifestPersonReceived(manifestId, personId), viewer.Actor);
            var agreement = session.Agreement;
            if (session.Manifest.IsReturn)
            {
                // Custody back to the sending state, at its facility; the movement that was held pending return is closed.
                var current = session.Work.Store.CurrentCustody(personId)!;
                session.RecordCustody(personId, CustodyEvents.Returned, agreement.SendingState, null, CustodyPlaces.Facility, session.Manifest.DestinationFacilityId,
                    current.LegalAuthority, agreement.SendingState, $"returned by {session.Manifest.Carrier} {session.Manifest.Movement}", Instants.Utc(now), viewer.Actor);
                if (await Manifests.PendingReturnAsync(personId, agreement.Id, cancellationToken) is { } pending)
                {
                    session.Work.Record(new ManifestPersonReturned(pending.ManifestId, personId, manifestId), viewer.Actor);
                }
                return await session.ViewAsync(cancellationToken);
            }
            session.RecordCustody(personId, CustodyEvents.HandedOver, agreement.ReceivingState, agreement.SendingState, CustodyPlaces.Facility,
                session.Manifest.DestinationFacilityId, "agreement:" + agreement.Id, agreement.SendingState, null, Instants.Utc(now), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);

    public Task<Result<ManifestView>> RecordDiscrepancyAsync(Guid manifestId, DiscrepancyRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
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
        return Manifests.InSessionAsync(manifestId, viewer, async (session, now) =>
        {
            if (HandOverRules.RefuseDiscrepancy(session.Manifest.Status) is { } refusal)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            if (request.PersonId is { } person && session.Person(person) is null)
            {
                return new NotFound($"Person {person} is not on manifest {manifestId}.");
            }
            session.Record(new ManifestDiscrepancyRecorded(Guid.CreateVersion7(now), manifestId, request.Kind!, request.Note!.Trim(), request.PersonId), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }

    private static async Task<Failure?> RefuseAsync(ManifestSession session, Guid manifestId, Guid personId, string expected, CancellationToken cancellationToken)
    {
        if (HandOverRules.RefuseHandOverStep(session.Manifest.Status) is { } closed)
        {
            return await session.ConflictAsync(closed, cancellationToken);
        }
        if (session.Person(personId) is not { } person)
        {
            return new NotFound($"Person {personId} is not on manifest {manifestId}.");
        }
        return HandOverRules.RefuseAcknowledgement(person, session.Manifest.IsReturn, expected) is { } refusal
            ? await session.ConflictAsync(refusal, cancellationToken)
            : null;
    }

    // A refused acknowledgement writes nothing; the fact that blocks it raised its alert when it was entered.
    private async Task<Failure?> ScreenAsync(ManifestSession session, Guid personId, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var blocked = await session.ScreenAsync(new StepScreening(db, time), [personId], TransferSteps.HandOver, now, actor, cancellationToken);
        if (blocked.Failure is { } failure)
        {
            return failure;
        }
        return blocked.Value!.Count > 0 ? new Blocked(blocked.Value[0].Decision) : null;
    }
}
