using Custody.Access;
using Custody.Common;
using Custody.Notifications;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>When the movement left (default now).</summary>
public sealed record DepartRequest(string? DepartedAt);

/// <summary>
/// The departure gate: every boarded person is screened at the departure instant, and the departure
/// is recorded only when all are eligible then (a blocked person must first be disembarked). On
/// departure the notices of invariant 5 are queued for everyone aboard.
/// </summary>
public sealed class DepartManifest(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, DepartRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        var departedAt = TransferInput.Past(errors, "departedAt", request.DepartedAt, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return Task.FromResult(Result<ManifestView>.Fail(new Invalid(errors)));
        }
        return ManifestSession.RunAsync(db, time, manifest, async (session, now) =>
        {
            var departed = ManifestLifecycle.Depart(session.Manifest, session.People);
            if (await session.RefusedAsync(departed, cancellationToken) is { } refused)
            {
                return refused;
            }
            var aboard = session.People.Where(p => p.Status == ManifestPersonStatuses.Boarded).ToList();
            if (session.Manifest.IsReturn)
            {
                session.Record(departed.Change!, viewer.Actor, departedAt);
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
            session.Record(departed.Change!, viewer.Actor, departedAt);
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
