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
/// Ends an admission — release, return to the sending state, or onward transfer — with the custody
/// record and the contacts' notices of the movement (invariant 5 holds for every movement). An
/// onward transfer is refused while a court order concerning the person is active: a court must
/// lift it first, so no one is moved out of a court's reach.
/// </summary>
public sealed class ReleasePerson(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<AdmissionView>> HandleAsync(PersonId personId, ReleaseRequest request, Viewer viewer, CancellationToken cancellationToken = default)
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
}
