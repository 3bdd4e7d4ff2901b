using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Transfers;

/// <summary>An escort's boarding record: <c>boarded</c> (after an identity check against a verified identifier), <c>no-show</c> or <c>refused</c> (with the reason).</summary>
public sealed record BoardingRequest(string? Outcome, string? Identifier, string? Reason, string? OccurredAt);

/// <summary>
/// Records boarding. A person boards only after their identity is checked against one of their
/// verified identifiers and they are screened eligible; custody moves onto the movement.
/// </summary>
public sealed class RecordBoarding(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<ManifestView>> HandleAsync(ManifestId manifest, PersonId person, BoardingRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
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
        return ManifestSession.RunAsync(db, time, manifest, async (session, now) =>
        {
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            var boarding = ManifestLifecycle.Board(session.Manifest, session.Person(person), person, request.Outcome!, request.Identifier?.Trim(), reason);
            if (await session.RefusedAsync(boarding, cancellationToken) is { } refused)
            {
                return refused;
            }
            if (request.Outcome == ManifestPersonStatuses.Boarded)
            {
                var facts = (await db.People.AsNoTracking().SingleAsync(p => p.Id == person.Value, cancellationToken)).FactsObject();
                var identifier = boarding.Change!.Identifier;
                var verified = (facts["identifiers"] as JsonArray ?? [])
                    .Any(i => i?["verified"]?.GetValue<bool>() == true && string.Equals(i["value"]?.GetValue<string>(), identifier, StringComparison.OrdinalIgnoreCase));
                if (!verified)
                {
                    return new Invalid([new FieldError("identifier", "This is not one of the person's verified identifiers: the identity check fails and the person does not board.")]);
                }
                if (await session.ScreenOneAsync(new StepScreening(db, time), person, TransferSteps.Boarding, now, viewer.Actor, cancellationToken) is { } blocked)
                {
                    return blocked;
                }
            }
            session.Record(boarding.Change!, viewer.Actor, occurredAt);
            if (request.Outcome == ManifestPersonStatuses.Boarded)
            {
                var current = session.Work.Store.CurrentCustody(person)!;
                session.RecordCustody(person, CustodyEvents.Boarded, session.Agreement.SendingState, null, CustodyPlaces.Manifest, null,
                    current.LegalAuthority, session.Agreement.SendingState, $"{session.Manifest.Carrier} {session.Manifest.Movement}", occurredAt!.Value, viewer.Actor);
            }
            return await session.ViewAsync(cancellationToken);
        }, cancellationToken);
    }
}
