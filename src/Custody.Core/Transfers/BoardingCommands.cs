using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>An escort's boarding record: <c>boarded</c> (after an identity check against a verified identifier), <c>no-show</c> or <c>refused</c> (with the reason).</summary>
public sealed record BoardingRequest(string? Outcome, string? Identifier, string? Reason, string? OccurredAt);

/// <summary>When the movement left (default now).</summary>
public sealed record DepartRequest(string? DepartedAt);

/// <summary>
/// Boarding, disembarkation, re-screening and the departure gate. The gate screens every boarded
/// person at the departure instant and records the departure only when all are eligible then; a
/// blocked person must first be disembarked. On departure the transfer notices of invariant 5 are
/// queued for everyone aboard.
/// </summary>
public sealed class BoardingCommands(CustodyDbContext db, TimeProvider time)
{
    private ManifestCommands Manifests => new(db, time);

    public Task<Result<ManifestView>> BoardAsync(Guid manifestId, Guid personId, BoardingRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        if (request.Outcome is null || !ManifestPersonStatuses.BoardingOutcomes.Contains(request.Outcome))
        {
            errors.Add(new FieldError("outcome", $"One of: {string.Join(", ", ManifestPersonStatuses.BoardingOutcomes)}."));
        }
        if (request.Outcome == ManifestPersonStatuses.Boarded && string.IsNullOrWhiteSpace(request.Identifier))
        {
            errors.Add(new FieldError("identifier", "Required for boarding: the verified identifier the person's identity was checked against."));
        }
        if (request.Outcome == ManifestPersonStatuses.Refused && string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add(new FieldError("reason", "Required when boarding is refused: why."));
        }
        if (request.Reason is { Length: > 1000 })
        {
            errors.Add(new FieldError("reason", "At most 1000 characters."));
        }
        var occurredAt = TransferInput.Past(errors, "occurredAt", request.OccurredAt, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        return Manifests.InSessionAsync(manifestId, viewer, async (session, now) =>
        {
            if (ManifestLifecycle.RefuseBoardingStep(session.Manifest.Status) is { } closed)
            {
                return await session.ConflictAsync(closed, cancellationToken);
            }
            var onManifest = session.Person(personId);
            if (onManifest is null)
            {
                return new NotFound($"Person {personId} is not on manifest {manifestId}.");
            }
            if (ManifestLifecycle.RefuseBoarding(onManifest) is { } refusal)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            if (request.Outcome == ManifestPersonStatuses.Boarded)
            {
                var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, cancellationToken);
                var identifier = request.Identifier!.Trim();
                var verified = (person.FactsObject()["identifiers"] as JsonArray ?? [])
                    .Any(i => i?["verified"]?.GetValue<bool>() == true && string.Equals(i["value"]?.GetValue<string>(), identifier, StringComparison.OrdinalIgnoreCase));
                if (!verified)
                {
                    return new Invalid([new FieldError("identifier", "This is not one of the person's verified identifiers: the identity check fails and the person does not board.")]);
                }
                var blocked = await session.ScreenAsync(new StepScreening(db, time), [personId], TransferSteps.Boarding, now, viewer.Actor, cancellationToken);
                if (blocked.Failure is { } failure)
                {
                    return failure;
                }
                if (blocked.Value!.Count > 0)
                {
                    return new Blocked(blocked.Value[0].Decision);
                }
                session.Record(new ManifestBoardingRecorded(manifestId, personId, request.Outcome!, identifier, reason), viewer.Actor, occurredAt);
                var current = session.Work.Store.CurrentCustody(personId)!;
                session.RecordCustody(personId, CustodyEvents.Boarded, session.Agreement.SendingState, null, CustodyPlaces.Manifest, null,
                    current.LegalAuthority, session.Agreement.SendingState, $"{session.Manifest.Carrier} {session.Manifest.Movement}", occurredAt!.Value, viewer.Actor);
            }
            else
            {
                session.Record(new ManifestBoardingRecorded(manifestId, personId, request.Outcome!, null, reason), viewer.Actor, occurredAt);
            }
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Takes a boarded person off before departure; custody returns to the origin facility.</summary>
    public Task<Result<ManifestView>> DisembarkAsync(Guid manifestId, Guid personId, ReasonRequest request, Viewer viewer, CancellationToken cancellationToken = default) =>
        Manifests.WithReasonAsync(manifestId, request, viewer, async (session, reason, now) =>
        {
            if (ManifestLifecycle.RefuseDisembarkStep(session.Manifest.Status) is { } closed)
            {
                return await session.ConflictAsync(closed, cancellationToken);
            }
            if (session.Person(personId) is not { } onManifest)
            {
                return new NotFound($"Person {personId} is not on manifest {manifestId}.");
            }
            if (ManifestLifecycle.RefuseDisembark(onManifest) is { } refusal)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            session.Record(new ManifestPersonDisembarked(manifestId, personId, reason), viewer.Actor);
            var current = session.Work.Store.CurrentCustody(personId)!;
            session.RecordCustody(personId, CustodyEvents.Disembarked, session.Agreement.SendingState, null, CustodyPlaces.Facility, session.Manifest.OriginFacilityId,
                current.LegalAuthority, session.Agreement.SendingState, reason, Instants.Utc(now), viewer.Actor);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Screens everyone still travelling on the manifest now, raising or clearing alerts.</summary>
    public Task<Result<ManifestView>> RescreenAsync(Guid manifestId, Viewer viewer, CancellationToken cancellationToken = default) =>
        Manifests.InSessionAsync(manifestId, viewer, async (session, now) =>
        {
            if (session.Manifest.Status == ManifestStatuses.Draft)
            {
                return await session.ConflictAsync("A draft is screened when it is locked.", cancellationToken);
            }
            if (session.Manifest.IsReturn)
            {
                return await session.ConflictAsync("A return is not screened: going home is never forbidden.", cancellationToken);
            }
            var step = session.Manifest.Status == ManifestStatuses.Locked ? TransferSteps.DepartureGate : TransferSteps.Review;
            var review = await ManifestWatch.ReviewAsync(session, session.People.Where(ManifestWatch.IsTravelling).Select(p => p.PersonId).ToList(),
                new StepScreening(db, time), step, now, viewer.Actor, cancellationToken);
            return review.Failure is { } failure ? failure : await session.ViewAsync(cancellationToken);
        }, cancellationToken);

    public Task<Result<ManifestView>> DepartAsync(Guid manifestId, DepartRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        var departedAt = TransferInput.Past(errors, "departedAt", request.DepartedAt, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        return Manifests.InSessionAsync(manifestId, viewer, async (session, now) =>
        {
            if (ManifestLifecycle.RefuseDeparture(session.Manifest.Status, session.People) is { } refusal)
            {
                return await session.ConflictAsync(refusal, cancellationToken);
            }
            var aboard = session.People.Where(p => p.Status == ManifestPersonStatuses.Boarded).ToList();
            if (session.Manifest.IsReturn)
            {
                session.Record(new ManifestDeparted(manifestId), viewer.Actor, departedAt);
                await QueueReturnNoticesAsync(session, aboard, departedAt!.Value, viewer.Actor, now, cancellationToken);
                return await session.ViewAsync(cancellationToken);
            }
            // The gate screens everyone aboard at the departure instant itself: a stored decision, however
            // recent, may predate a protection or order that took effect since.
            var gate = await session.ScreenAsync(new StepScreening(db, time), aboard.Select(p => p.PersonId).ToList(), TransferSteps.DepartureGate,
                new DateTimeOffset(departedAt!.Value, TimeSpan.Zero), viewer.Actor, cancellationToken);
            if (gate.Failure is { } failure)
            {
                return failure;
            }
            if (gate.Value!.Count > 0)
            {
                var why = gate.Value.Select(b => $"{b.ExternalId} is blocked ({string.Join(' ', b.Decision.Reasons)}): disembark before departure");
                return await session.ConflictAsync("Departure refused: " + string.Join("; ", why) + ".", cancellationToken);
            }
            session.Record(new ManifestDeparted(manifestId), viewer.Actor, departedAt);
            // Recorded late, a departure may precede a fact that blocks someone now: they are return-required, and stale alerts clear.
            var review = await ManifestWatch.ReviewAsync(session, aboard.Select(p => p.PersonId).ToList(), new StepScreening(db, time), TransferSteps.Review, now,
                viewer.Actor, cancellationToken);
            if (review.Failure is { } reviewFailure)
            {
                return reviewFailure;
            }
            await QueueTransferNoticesAsync(session, aboard, departedAt.Value, viewer.Actor, now, cancellationToken);
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }

    // Invariant 5 on the way home: counsel and family hear that the person is being returned, and where to.
    private async Task QueueReturnNoticesAsync(ManifestSession session, IReadOnlyList<ManifestPerson> aboard, DateTime departedAt, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var facility = await db.Facilities.AsNoTracking().SingleAsync(f => f.Id == session.Manifest.DestinationFacilityId, cancellationToken);
        var ids = aboard.Select(p => p.PersonId).ToList();
        foreach (var person in await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.ExternalId).ToListAsync(cancellationToken))
        {
            var values = ContactNotices.About(person);
            values["at"] = NotificationTemplates.When(departedAt);
            values["destination"] = $"{facility.Name}, {facility.Address}, telephone {facility.Telephone}";
            values["by"] = $"{session.Manifest.Carrier} {session.Manifest.Movement}";
            values["sendingState"] = session.Agreement.SendingState;
            ContactNotices.Queue(session.Work, person, session.Manifest.Id, (NotificationKinds.ReturnCounsel, NotificationKinds.ReturnFamily), values, departedAt, actor, now);
        }
    }

    // Invariant 5: counsel of record and the designated family contact hear where the person is going, once en route.
    private async Task QueueTransferNoticesAsync(ManifestSession session, IReadOnlyList<ManifestPerson> aboard, DateTime departedAt, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var facility = await db.Facilities.AsNoTracking().SingleAsync(f => f.Id == session.Manifest.DestinationFacilityId, cancellationToken);
        var ids = aboard.Select(p => p.PersonId).ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.ExternalId).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            var values = ContactNotices.About(person);
            values["sendingState"] = session.Agreement.SendingState;
            values["receivingState"] = session.Agreement.ReceivingState;
            values["agreement"] = session.Agreement.Id;
            values["carrier"] = session.Manifest.Carrier;
            values["movement"] = session.Manifest.Movement;
            values["departedAt"] = NotificationTemplates.When(departedAt);
            values["facility"] = facility.Name;
            values["address"] = facility.Address;
            values["telephone"] = facility.Telephone;
            ContactNotices.Queue(session.Work, person, session.Manifest.Id, (NotificationKinds.TransferCounsel, NotificationKinds.TransferFamily), values,
                departedAt, actor, now);
        }
    }
}
