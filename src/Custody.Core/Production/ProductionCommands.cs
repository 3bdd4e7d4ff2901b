using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Notifications;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Production;

/// <summary>A court's order: kind (whereabouts, produce-video, produce-in-person), the court, the deadline (RFC 3339).</summary>
public sealed record OrderProductionRequest(string? Kind, string? Court, string? Deadline, string? Docket = null, string? Details = null);

/// <summary>
/// The custodian's answer: the welfare check that proves the person was seen (their latest, at most
/// 72 hours old), or a granted visit and when the person was seen at it; for a production, how they were produced.
/// </summary>
public sealed record DeclareWhereaboutsRequest(Guid? WelfareCheck = null, Guid? Visit = null, string? SeenAt = null, string? ProducedBy = null);

public sealed record DeclarationView(Guid Id, string Custodian, string PlaceKind, string? FacilityId, DateTime LastSeenAt, string SeenBy,
    Guid? WelfareCheck, Guid? Visit, string? ProducedBy, string DeclaredBy, DateTime DeclaredAt);

public sealed record ProductionRequestView(Guid Id, Guid PersonId, string Kind, string Court, string? Docket, string? Details, DateTime Deadline,
    string OrderedBy, DateTime OrderedAt, string Status, bool Overdue, bool AnsweredLate, DeclarationView? Declaration);

/// <summary>
/// Production requests and whereabouts declarations. A declaration states the place the register's
/// current custody record gives — never a free text — and rests on a welfare check or visit that
/// proves the person was seen; a missed deadline is recorded once and told to the court and to the
/// state on whose behalf the person is held.
/// </summary>
public sealed class ProductionCommands(CustodyDbContext db, TimeProvider time, IncidentOptions options)
{
    /// <summary>How old the welfare check behind a declaration may be: the register's own bound for a late check.</summary>
    public static readonly TimeSpan FreshEvidence = TimeSpan.FromHours(72);

    public async Task<Result<ProductionRequestView>> OrderAsync(Guid personId, OrderProductionRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var now = Instants.Now(time);
        var errors = new List<FieldError>();
        if (request.Kind is null || !ProductionRequest.Kinds.Contains(request.Kind))
        {
            errors.Add(new FieldError("kind", $"Give one of {string.Join(", ", ProductionRequest.Kinds)}."));
        }
        if (string.IsNullOrWhiteSpace(request.Court))
        {
            errors.Add(new FieldError("court", "Name the court that orders it."));
        }
        DateTime deadline = default;
        if (!Instants.TryParseRfc3339(request.Deadline, out var parsed))
        {
            errors.Add(new FieldError("deadline", "Give the deadline as an RFC 3339 instant, e.g. 2026-12-01T12:00:00Z."));
        }
        else if ((deadline = Instants.Utc(parsed)) <= now)
        {
            errors.Add(new FieldError("deadline", "The deadline must lie in the future."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<ProductionRequestView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new ProductionOrdered(id, personId, request.Kind!, request.Court!.Trim(), deadline, Blank(request.Docket), Blank(request.Details)), viewer.Actor);
            return View(work.Store.Find<ProductionRequest>(id)!, null, now);
        }, cancellationToken);
    }

    public async Task<Result<ProductionRequestView>> DeclareAsync(Guid requestId, DeclareWhereaboutsRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var now = Instants.Now(time);
        return await UnitOfWork.RunAsync<ProductionRequestView>(db, time, async work =>
        {
            if (work.Store.Find<ProductionRequest>(requestId) is not { } production)
            {
                return new NotFound($"No production request {requestId}.");
            }
            if (production.Status != ProductionRequest.Open)
            {
                return new Conflict("This request has already been answered.");
            }
            var errors = new List<FieldError>();
            if ((request.WelfareCheck is null) == (request.Visit is null))
            {
                errors.Add(new FieldError("welfareCheck", "Name the welfare check, or the visit, that proves where the person is (one of them)."));
            }
            if (production.Kind != ProductionRequest.Whereabouts && string.IsNullOrWhiteSpace(request.ProducedBy))
            {
                errors.Add(new FieldError("producedBy", "Say how and where the person was produced."));
            }
            var seen = await EvidenceAsync(production.PersonId, request, now, errors, cancellationToken);
            if (errors.Count > 0)
            {
                return new Invalid(errors);
            }
            if (work.Store.CurrentCustody(production.PersonId) is not { } custody)
            {
                return new Conflict("The register has no current custody record for this person: their whereabouts cannot be declared from it.");
            }
            work.Record(new WhereaboutsDeclared(Guid.CreateVersion7(time.GetUtcNow()), requestId, production.PersonId, custody.Custodian, custody.PlaceKind,
                seen!.Value.At, seen.Value.By, custody.FacilityId, request.WelfareCheck, request.Visit, Blank(request.ProducedBy)), viewer.Actor);
            return View(production, db.Set<WhereaboutsDeclaration>().Local.Single(d => d.RequestId == requestId), now);
        }, cancellationToken);
    }

    // The welfare check must be the person's latest and fresh; a visit must be granted and the person seen at it since.
    private async Task<(DateTime At, string By)?> EvidenceAsync(Guid personId, DeclareWhereaboutsRequest request, DateTime now, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (request.WelfareCheck is { } checkId)
        {
            var check = await db.WelfareChecks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == checkId && c.PersonId == personId, cancellationToken);
            if (check is null)
            {
                errors.Add(new FieldError("welfareCheck", "No welfare check of this person has that id."));
                return null;
            }
            if (await db.WelfareChecks.AnyAsync(c => c.PersonId == personId && c.SeenAt > check.SeenAt, cancellationToken))
            {
                errors.Add(new FieldError("welfareCheck", "A later welfare check of this person exists: declare from the latest."));
            }
            if (now - check.SeenAt > FreshEvidence)
            {
                errors.Add(new FieldError("welfareCheck", $"The check is more than {FreshEvidence.TotalHours:0} hours old: see the person again first."));
            }
            return (check.SeenAt, check.SeenBy);
        }
        if (request.Visit is { } visitId)
        {
            var visit = await db.AccessVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == visitId && v.PersonId == personId, cancellationToken);
            if (visit is null || visit.Status != "granted")
            {
                errors.Add(new FieldError("visit", "No granted visit to this person has that id."));
                return null;
            }
            if (!Instants.TryParseRfc3339(request.SeenAt, out var at) || Instants.Utc(at) > now || Instants.Utc(at) < (visit.DecidedAt ?? visit.RequestedAt) || now - Instants.Utc(at) > FreshEvidence)
            {
                errors.Add(new FieldError("seenAt", $"Give when the person was seen at the visit (RFC 3339): after it was granted, not in the future, at most {FreshEvidence.TotalHours:0} hours ago."));
                return null;
            }
            return (Instants.Utc(at), visit.Visitor);
        }
        return null;
    }

    /// <summary>Records each missed deadline once, and tells the court and the sending state, in one transaction per request.</summary>
    public async Task<int> RecordOverdueAsync(string actor, CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        var missed = await db.ProductionRequests.AsNoTracking().Where(r => r.Status == ProductionRequest.Open && r.OverdueAt == null && r.Deadline < now)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in missed)
        {
            await UnitOfWork.RunAsync(db, time, async work =>
            {
                var request = work.Store.Find<ProductionRequest>(id)!;
                if (request.Status != ProductionRequest.Open || request.OverdueAt is not null)
                {
                    return Result<bool>.Ok(false);
                }
                work.Record(new ProductionOverdue(id, request.PersonId), actor);
                var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == request.PersonId, cancellationToken);
                var custody = work.Store.CurrentCustody(request.PersonId);
                var values = new Dictionary<string, string>
                {
                    ["person"] = $"{person.GivenName} {person.FamilyName} ({person.ExternalId})",
                    ["court"] = request.Court,
                    ["kind"] = request.Kind,
                    ["deadline"] = NotificationTemplates.When(request.Deadline),
                    ["custodian"] = custody?.Custodian ?? "unknown",
                };
                var (subject, body) = NotificationTemplates.Render(NotificationKinds.ProductionOverdueCourt, "en", values);
                Outbox.Queue(work, new NotificationDraft(NotificationKinds.ProductionOverdueCourt, request.PersonId, null, null, "court", request.Court, null, "en",
                    subject, body, now), actor, time.GetUtcNow());
                var sendingState = custody?.OnBehalfOf ?? custody?.Funder;
                if (sendingState is not null && sendingState != CustodyRecord.SendingState)
                {
                    Outbox.Queue(work, new NotificationDraft(NotificationKinds.ProductionOverdueSendingState, request.PersonId, null, null, "sending-state",
                        $"Authorities of {sendingState}", options.SendingStateAddresses.GetValueOrDefault(sendingState), "en", subject, body, now), actor, time.GetUtcNow());
                }
                return Result<bool>.Ok(true);
            }, cancellationToken);
            db.ChangeTracker.Clear();
        }
        return missed.Count;
    }

    /// <summary>Requests for a person, or every open one (overdue first) when no person is given.</summary>
    public async Task<IReadOnlyList<ProductionRequestView>> ListAsync(Guid? personId, bool overdueOnly, CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        var requests = await db.ProductionRequests.AsNoTracking()
            .Where(r => personId == null ? r.Status == ProductionRequest.Open : r.PersonId == personId)
            .Where(r => !overdueOnly || (r.Status == ProductionRequest.Open && r.Deadline < now))
            .OrderBy(r => r.Deadline).ToListAsync(cancellationToken);
        var ids = requests.Select(r => r.Id).ToList();
        var declarations = await db.WhereaboutsDeclarations.AsNoTracking().Where(d => ids.Contains(d.RequestId)).ToListAsync(cancellationToken);
        return [.. requests.Select(r => View(r, declarations.SingleOrDefault(d => d.RequestId == r.Id), now))];
    }

    private static ProductionRequestView View(ProductionRequest r, WhereaboutsDeclaration? d, DateTime now) =>
        new(r.Id, r.PersonId, r.Kind, r.Court, r.Docket, r.Details, r.Deadline, r.OrderedBy, r.OrderedAt, r.Status,
            r.Status == ProductionRequest.Open && r.Deadline < now, r.AnsweredLate,
            d is null ? null : new DeclarationView(d.Id, d.Custodian, d.PlaceKind, d.FacilityId, d.LastSeenAt, d.SeenBy, d.WelfareCheckId, d.VisitId, d.ProducedBy, d.DeclaredBy, d.DeclaredAt));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
