using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Facts;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>A restriction of the art. 18 information: its legal ground, the authority imposing it, and the date by which it must be reviewed (YYYY-MM-DD).</summary>
public sealed record RestrictionRequest(string? Ground, string? Authority = null, string? ReviewBy = null);

/// <summary>Why the restriction is lifted.</summary>
public sealed record LiftRestrictionRequest(string? Reason);

/// <summary>The court asked to review the restriction, and its docket if filed.</summary>
public sealed record RestrictionReviewRequest(string? Court, string? Docket = null);

public sealed record RestrictionView(Guid Id, Guid PersonId, string Ground, string? Authority, DateOnly? ReviewBy, bool Lapsed, string RecordedBy, DateTime RecordedAt,
    DateTime? LiftedAt, string? LiftedBy, string? LiftReason, Guid? ReviewProceedingId, string? ReviewCourt)
{
    public static RestrictionView Of(InformationRestriction r, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.PersonId, r.Ground, r.Authority, r.ReviewBy, r.LiftedAt is null && r.ReviewBy < today, r.RecordedBy, r.RecordedAt, r.LiftedAt, r.LiftedBy,
            r.LiftReason, r.ReviewProceedingId, r.ReviewCourt);
    }
}

/// <summary>
/// Restrictions under judicial control (art. 20 of the Enforced Disappearance Convention): each names
/// its ground, the authority and a review date; a court, or the account that recorded it for the
/// imposing authority, lifts it; counsel of record (or the sending state's legal reviewer) can ask a
/// court to review it, recorded as a pending proceeding in the same transaction; restrictions past
/// their review date are listed.
/// </summary>
public sealed class RestrictionCommands(CustodyDbContext db, TimeProvider time)
{
    /// <summary>The longest a restriction may run before its review.</summary>
    public const int MaxDaysToReview = 180;

    public async Task<Result<RestrictionView>> RestrictAsync(Guid personId, RestrictionRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var today = Today;
        var errors = new List<FieldError>();
        Transfers.TransferInput.Require(errors, "ground", r.Ground, 1000);
        Transfers.TransferInput.Require(errors, "authority", r.Authority, 300);
        if (!DateOnly.TryParseExact(r.ReviewBy?.Trim(), "yyyy-MM-dd", out var reviewBy) || reviewBy <= today || reviewBy > today.AddDays(MaxDaysToReview))
        {
            errors.Add(new FieldError("reviewBy", $"The date by which the restriction is reviewed, YYYY-MM-DD, after today and within {MaxDaysToReview} days."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<RestrictionView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new InformationRestricted(id, personId, r.Ground!.Trim(), r.Authority!.Trim(), reviewBy), viewer.Actor);
            return RestrictionView.Of(work.Store.Find<InformationRestriction>(id)!, today);
        }, cancellationToken);
    }

    public async Task<Result<RestrictionView>> LiftAsync(Guid restrictionId, LiftRestrictionRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrWhiteSpace(r.Reason) || r.Reason.Trim().Length > 1000)
        {
            return new Invalid([new FieldError("reason", "Required: why the restriction is lifted (1 to 1000 characters).")]);
        }
        return await ChangeAsync(restrictionId, viewer, (restriction, work) =>
        {
            // The court controls it; the authority that imposed it may end it too (through the account that recorded it).
            if (viewer.Roles?.Contains(Roles.CourtUser) != true && viewer.Actor != restriction.RecordedBy)
            {
                return new Forbidden("A restriction is lifted by a court, or by the authority that imposed it (the account that recorded it).");
            }
            work.Record(new InformationRestrictionLifted(restriction.Id, restriction.PersonId, r.Reason.Trim()), viewer.Actor);
            return null;
        }, cancellationToken);
    }

    public async Task<Result<RestrictionView>> RequestReviewAsync(Guid restrictionId, RestrictionReviewRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        Transfers.TransferInput.Require(errors, "court", r.Court, 200);
        if (r.Docket?.Trim().Length > 100)
        {
            errors.Add(new FieldError("docket", "At most 100 characters."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await ChangeAsync(restrictionId, viewer, (restriction, work) =>
        {
            if (restriction.ReviewProceedingId is not null)
            {
                return new Conflict($"A review was already asked of {restriction.ReviewCourt}.");
            }
            // The review is a proceeding before a court like any other: pending, it is on the person's legal facts.
            var proceeding = new JsonObject { ["kind"] = "other", ["status"] = "pending", ["court"] = r.Court!.Trim(), ["filedOn"] = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
            if (!string.IsNullOrWhiteSpace(r.Docket))
            {
                proceeding["docket"] = r.Docket.Trim();
            }
            var proceedingId = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new FactEntered(proceedingId, restriction.PersonId, "proceedings", proceeding), viewer.Actor);
            work.Record(new InformationRestrictionReviewRequested(restriction.Id, restriction.PersonId, proceedingId, r.Court.Trim()), viewer.Actor);
            return null;
        }, cancellationToken);
    }

    public async Task<Result<IReadOnlyList<RestrictionView>>> ListAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var today = Today;
        return (await db.InformationRestrictions.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.RecordedAt).ToListAsync(cancellationToken))
            .Select(r => RestrictionView.Of(r, today)).ToList();
    }

    /// <summary>Restrictions in force past their review date, oldest review first: for inspectors and courts.</summary>
    public async Task<IReadOnlyList<RestrictionView>> LapsedAsync(CancellationToken cancellationToken = default)
    {
        var today = Today;
        return (await db.InformationRestrictions.AsNoTracking().Where(r => r.LiftedAt == null && r.ReviewBy != null && r.ReviewBy < today)
            .OrderBy(r => r.ReviewBy).ToListAsync(cancellationToken)).Select(r => RestrictionView.Of(r, today)).ToList();
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // The lock first (in the unit of work), then the read: of two concurrent lifts, the second sees the first.
    private Task<Result<RestrictionView>> ChangeAsync(Guid restrictionId, Viewer viewer, Func<InformationRestriction, UnitOfWork, Failure?> change,
        CancellationToken cancellationToken) =>
        UnitOfWork.RunAsync<RestrictionView>(db, time, async work =>
        {
            var restriction = work.Store.Find<InformationRestriction>(restrictionId);
            if (restriction is null || await viewer.FindPersonAsync(db, restriction.PersonId, cancellationToken) is null)
            {
                return new NotFound($"No restriction {restrictionId}.");
            }
            if (restriction.LiftedAt is { } lifted)
            {
                return new Conflict($"The restriction was lifted at {Instants.ToText(lifted)}.");
            }
            return change(restriction, work) is { } refusal ? refusal : RestrictionView.Of(restriction, Today);
        }, cancellationToken);
}
