using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Custody.Screening;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>A release, a return to the sending state or an onward transfer: when, where to, and the authority responsible.</summary>
public sealed record ReleaseRequest(string? Kind, string? At, string? Destination, string? Authority);

/// <summary>
/// A welfare check as its recorder states it. The capacity in which they vouch is not stated here:
/// it comes from their account. <c>IdentityConfirmedBy</c>: verified-identifier, biometric-match or
/// photograph-compared.
/// </summary>
public sealed record WelfareCheckRequest(string? SeenBy, string? SeenAt, string? Condition, bool PrivateConversation, string? Notes, string? IdentityConfirmedBy = null);

public sealed record VisitRequest(string? Visitor, string? Role);

public sealed record VisitDecision(bool Granted, string? Reason);


/// <summary>
/// What makes a person's detention visible and lawful to end: welfare checks, access visits (a
/// denial is a finding), information restrictions with their legal ground, and the end of an
/// admission — release, return, or onward transfer (refused while a court order concerning the
/// person is active: a court must lift it first).
/// </summary>
public sealed class OversightCommands(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<AdmissionView>> ReleaseAsync(Guid personId, ReleaseRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (request.Kind is null || !Admission.EndKinds.Contains(request.Kind))
        {
            errors.Add(new FieldError("kind", $"One of: {string.Join(", ", Admission.EndKinds)}."));
        }
        TransferInput.Require(errors, "destination", request.Destination, 300);
        TransferInput.Require(errors, "authority", request.Authority, 300);
        var at = TransferInput.Past(errors, "at", request.At, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<AdmissionView>(db, time, async work =>
        {
            var person = await viewer.FindPersonAsync(db, personId, cancellationToken);
            if (person is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            if (work.Store.OpenAdmission(personId) is not { } admission)
            {
                return new StateConflict("The person is not admitted to a facility.", "not-admitted");
            }
            if (at < admission.AdmittedAt)
            {
                return new Invalid([new FieldError("at", "The admission ends after it began.")]);
            }
            if (request.Kind == CustodyEvents.TransferredOnward && await ActiveCourtOrdersAsync(person, Instants.Now(time), cancellationToken) is { Count: > 0 } orders)
            {
                return new StateConflict($"An onward transfer is refused while a court order concerning the person is active ({string.Join(", ", orders)}); a court must lift it first.", orders);
            }
            work.Record(new PersonReleased(personId, admission.Id, request.Kind!, at!.Value, request.Destination!.Trim(), request.Authority!.Trim()), viewer.Actor, at);
            var agreement = await db.Agreements.AsNoTracking().SingleAsync(a => a.Id == admission.AgreementId, cancellationToken);
            var custody = work.Store.CurrentCustody(personId)!;
            var (custodian, onBehalfOf) = request.Kind switch
            {
                CustodyEvents.Released => ("none", (string?)null),
                CustodyEvents.Returned => (agreement.SendingState, null),
                _ => (request.Authority.Trim(), null),
            };
            new CustodyChange(personId, request.Kind!, custodian, onBehalfOf, request.Kind!, null, null, admission.AgreementId, custody.LegalAuthority,
                request.Kind == CustodyEvents.Released ? "none" : custody.Funder, $"{request.Destination.Trim()} — {request.Authority.Trim()}", at.Value)
                .Record(work, viewer.Actor);
            // Invariant 5 holds for every movement, not only the transfer here.
            var values = ContactNotices.About(person);
            values["at"] = NotificationTemplates.When(at.Value);
            values["destination"] = request.Destination.Trim();
            values["by"] = request.Authority.Trim();
            values["sendingState"] = agreement.SendingState;
            ContactNotices.Queue(work, person, null, NotificationKinds.MovementKinds(request.Kind!), values, at.Value, viewer.Actor, time.GetUtcNow());
            return AdmissionView.Of(admission);
        }, cancellationToken);
    }

    // Entered orders and the bundle's, active now (issued, not expired, not lifted), whatever their destinations.
    private async Task<List<string>> ActiveCourtOrdersAsync(People.Person person, DateTime now, CancellationToken cancellationToken)
    {
        var entered = await db.CourtOrders.AsNoTracking().Where(o => o.PersonId == person.Id).ToListAsync(cancellationToken);
        var facts = PersonFacts.Parse(person.Facts).WithEnteredCourtOrders(entered.Select(o => o.ToScreeningFact()));
        var at = new DateTimeOffset(now, TimeSpan.Zero);
        return facts.CourtOrders.Where(o => o.IssuedAt <= at && (o.ExpiresAt is null || at < o.ExpiresAt) && (o.LiftedAt is null || at < o.LiftedAt))
            .Select(o => $"{o.Kind}, {o.Court}").ToList();
    }

    public async Task<Result<WelfareCheckView>> RecordWelfareCheckAsync(Guid personId, WelfareCheckRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "seenBy", r.SeenBy, 200);
        if (r.IdentityConfirmedBy is not null && !WelfareCheck.IdentityMethods.Contains(r.IdentityConfirmedBy))
        {
            errors.Add(new FieldError("identityConfirmedBy", $"One of: {string.Join(", ", WelfareCheck.IdentityMethods)}."));
        }
        TransferInput.Require(errors, "condition", r.Condition, 2000);
        var seenAt = TransferInput.Past(errors, "seenAt", r.SeenAt, time.GetUtcNow());
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await InPersonAsync<WelfareCheckView>(personId, viewer, (work, admission) =>
        {
            if (seenAt < admission.AdmittedAt)
            {
                return Task.FromResult<Result<WelfareCheckView>>(new Invalid([new FieldError("seenAt", "A welfare check in this facility is after the admission.")]));
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            // The capacity is the account's, never the request's: the payee's staff cannot vouch for its own invoice.
            work.Record(new WelfareChecked(id, personId, r.SeenBy!.Trim(), WelfareCheck.CapacityOf(viewer.Roles ?? []), seenAt!.Value, r.Condition!.Trim(),
                r.PrivateConversation, string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim(), r.IdentityConfirmedBy), viewer.Actor, seenAt);
            return Task.FromResult(Result<WelfareCheckView>.Ok(WelfareCheckView.Of(work.Store.Find<WelfareCheck>(id)!)));
        }, cancellationToken);
    }

    public async Task<Result<AccessVisitView>> RequestVisitAsync(Guid personId, VisitRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<FieldError>();
        TransferInput.Require(errors, "visitor", r.Visitor, 200);
        if (r.Role is null || !WelfareCheck.Roles.Contains(r.Role))
        {
            errors.Add(new FieldError("role", $"One of: {string.Join(", ", WelfareCheck.Roles)}."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await InPersonAsync<AccessVisitView>(personId, viewer, (work, _) =>
        {
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new VisitRequested(id, personId, r.Visitor!.Trim(), r.Role!), viewer.Actor);
            return Task.FromResult(Result<AccessVisitView>.Ok(AccessVisitView.Of(work.Store.Find<AccessVisit>(id)!)));
        }, cancellationToken);
    }

    /// <summary>Grants or denies a requested visit; a denial needs its reason and is a finding.</summary>
    public async Task<Result<AccessVisitView>> DecideVisitAsync(Guid visitId, VisitDecision decision, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!decision.Granted && string.IsNullOrWhiteSpace(decision.Reason))
        {
            return new Invalid([new FieldError("reason", "Required when a visit is denied: why (a denial is recorded as a finding).")]);
        }
        return await UnitOfWork.RunAsync<AccessVisitView>(db, time, async work =>
        {
            var visit = await db.AccessVisits.SingleOrDefaultAsync(v => v.Id == visitId, cancellationToken);
            if (visit is null)
            {
                return new NotFound($"No visit request {visitId}.");
            }
            if (visit.Status != "requested")
            {
                return new StateConflict($"The visit was already {visit.Status}.", visit.Status);
            }
            work.Record(new VisitDecided(visitId, visit.PersonId, decision.Granted, string.IsNullOrWhiteSpace(decision.Reason) ? null : decision.Reason.Trim()), viewer.Actor);
            return AccessVisitView.Of(visit);
        }, cancellationToken);
    }

    // A command about a person held in a facility: 404 for an unknown (or invisible) person, 409 when not admitted.
    private Task<Result<T>> InPersonAsync<T>(Guid personId, Viewer viewer, Func<UnitOfWork, Admission, Task<Result<T>>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<T>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            return work.Store.OpenAdmission(personId) is { } admission
                ? await body(work, admission)
                : new StateConflict("The person is not admitted to a facility.", "not-admitted");
        }, cancellationToken);
    }
}
