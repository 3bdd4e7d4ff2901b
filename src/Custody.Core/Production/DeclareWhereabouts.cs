using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Production;

/// <summary>
/// The custodian's answer: the welfare check that proves the person was seen (their latest, at most
/// 72 hours old), or a granted visit and when the person was seen at it; for a production, how they were produced.
/// </summary>
public sealed record DeclareWhereaboutsRequest(Guid? WelfareCheck = null, Guid? Visit = null, string? SeenAt = null, string? ProducedBy = null);

/// <summary>
/// A whereabouts declaration, once per request. It states the place the register's current custody
/// record gives — never a free text — and rests on a welfare check or visit that proves the person was seen.
/// </summary>
public sealed class DeclareWhereabouts(CustodyDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>How old the welfare check behind a declaration may be: the register's own bound for a late check.</summary>
    public static readonly TimeSpan FreshEvidence = TimeSpan.FromHours(72);

    public async Task<Result<ProductionRequestView>> HandleAsync(Guid requestId, DeclareWhereaboutsRequest request, Viewer viewer, CancellationToken cancellationToken = default)
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
                seen!.Value.At, seen.Value.By, custody.FacilityId, request.WelfareCheck, request.Visit, ProductionRequestView.Blank(request.ProducedBy)), viewer.Actor);
            return ProductionRequestView.Of(production, db.Set<WhereaboutsDeclaration>().Local.Single(d => d.RequestId == requestId), now);
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
}
