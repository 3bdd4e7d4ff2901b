using System.Text.RegularExpressions;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.CourtOrders;

/// <summary>A court order as reported: instants in RFC 3339, destinations ISO 3166 (none = removal anywhere).</summary>
public sealed record EnterCourtOrderRequest(string? Kind, string? Court, string? Docket, string? IssuedAt, string? ExpiresAt,
    IReadOnlyList<string>? Destinations, string? DocumentReference, bool Verified = false);

/// <summary>When the order was lifted (default: now).</summary>
public sealed record LiftCourtOrderRequest(string? LiftedAt);

public sealed record CourtOrderView(Guid Id, Guid PersonId, string Kind, string Court, string? Docket, DateTime IssuedAt, DateTime? ExpiresAt,
    DateTime? LiftedAt, bool Verified, IReadOnlyList<string> Destinations, string? DocumentReference, string EnteredBy, DateTime EnteredAt,
    string? VerifiedBy, string? LiftedBy)
{
    public static CourtOrderView Of(EnteredCourtOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.PersonId, o.Kind, o.Court, o.Docket, o.IssuedAt, o.ExpiresAt, o.LiftedAt, o.Verified,
            o.Destinations.Split(' ', StringSplitOptions.RemoveEmptyEntries), o.DocumentReference, o.EnteredBy, o.EnteredAt, o.VerifiedBy, o.LiftedBy);
    }

    /// <summary>Copies of this order in imported bundles that say something else: kept for legal review, never applied.</summary>
    public IReadOnlyList<CourtOrderCopyView> DifferingCopies { get; init; } = [];
}

/// <summary>A bundle's differing copy of an entered court order, as kept for legal review.</summary>
public sealed record CourtOrderCopyView(Guid Id, Guid CourtOrderId, Guid PersonId, System.Text.Json.Nodes.JsonObject Copy, string Import, string RecordedBy, DateTime RecordedAt)
{
    public static CourtOrderCopyView Of(CourtOrderConflict c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.CourtOrderId, c.PersonId, System.Text.Json.Nodes.JsonNode.Parse(c.Copy)!.AsObject(), c.Import, c.RecordedBy, c.RecordedAt);
    }
}

/// <summary>
/// Enter, verify and lift court orders naming a person. Each runs in one transaction with its
/// ledger entry, after the ledger lock, so two people verifying or lifting the same order at once
/// get one success and one conflict. Counsel act only for their own clients.
/// </summary>
public sealed partial class CourtOrderCommands(CustodyDbContext db, TimeProvider time)
{
    /// <summary>Enters an order naming the person; <paramref name="mayRecordVerified"/> says whether this user may enter it as already verified (courts, legal reviewers).</summary>
    public async Task<Result<CourtOrderView>> EnterAsync(Guid personId, EnterCourtOrderRequest request, Viewer viewer, bool mayRecordVerified, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var now = time.GetUtcNow();
        var errors = Validate(request, now, mayRecordVerified, out var issuedAt, out var expiresAt);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<CourtOrderView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var id = Guid.CreateVersion7(now);
            work.Record(ToEvent(personId, request, id, issuedAt, expiresAt), viewer.Actor);
            return CourtOrderView.Of(work.Store.Find<EnteredCourtOrder>(id)!);
        }, cancellationToken);
    }

    private static CourtOrderEntered ToEvent(Guid personId, EnterCourtOrderRequest request, Guid id, DateTimeOffset issuedAt, DateTimeOffset? expiresAt) =>
        new(id, personId,
            new CourtOrderTerms(request.Kind!, request.Court!.Trim(), Instants.Utc(issuedAt), request.Verified, request.Destinations ?? [],
                string.IsNullOrWhiteSpace(request.Docket) ? null : request.Docket.Trim(),
                expiresAt is { } expires ? Instants.Utc(expires) : null),
            string.IsNullOrWhiteSpace(request.DocumentReference) ? null : request.DocumentReference.Trim());

    public Task<Result<CourtOrderView>> VerifyAsync(Guid orderId, Viewer viewer, CancellationToken cancellationToken = default) =>
        ChangeAsync(orderId, viewer, order => order.Verified ? new Conflict($"Court order {orderId} is already verified (by {order.VerifiedBy}).") : null,
            (order, work) => work.Record(new CourtOrderVerified(order.Id, order.PersonId), viewer.Actor), cancellationToken);

    public Task<Result<CourtOrderView>> LiftAsync(Guid orderId, LiftCourtOrderRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Instants.ReadPast(request.LiftedAt, time.GetUtcNow(), "liftedAt", out var liftedAt) is { } error)
        {
            return Task.FromResult(Result<CourtOrderView>.Fail(new Invalid([error])));
        }
        var lifted = Instants.Utc(liftedAt);
        return ChangeAsync(orderId, viewer,
            order => order.LiftedAt is { } already ? new Conflict($"Court order {orderId} was already lifted at {Instants.ToText(already)}.")
                : lifted < order.IssuedAt ? new Invalid([new FieldError("liftedAt", "An order cannot be lifted before it was issued.")]) : null,
            (order, work) => work.Record(new CourtOrderLifted(order.Id, order.PersonId, lifted), viewer.Actor), cancellationToken);
    }

    public async Task<Result<IReadOnlyList<CourtOrderView>>> ListAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var orders = await db.CourtOrders.AsNoTracking().Where(o => o.PersonId == personId).OrderBy(o => o.IssuedAt).ToListAsync(cancellationToken);
        var copies = (await db.CourtOrderConflicts.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.Seq).ToListAsync(cancellationToken))
            .Select(CourtOrderCopyView.Of).ToLookup(c => c.CourtOrderId);
        return Result<IReadOnlyList<CourtOrderView>>.Ok(orders.Select(o => CourtOrderView.Of(o) with { DifferingCopies = copies[o.Id].ToList() }).ToList());
    }

    /// <summary>Every differing bundle copy of an entered court order, newest first: the legal reviewers' list.</summary>
    public async Task<IReadOnlyList<CourtOrderCopyView>> ConflictsAsync(CancellationToken cancellationToken = default) =>
        (await db.CourtOrderConflicts.AsNoTracking().OrderByDescending(c => c.Seq).ToListAsync(cancellationToken)).Select(CourtOrderCopyView.Of).ToList();

    // The lock first (in the unit of work), then the read: a concurrent change is seen, never overwritten.
    private Task<Result<CourtOrderView>> ChangeAsync(Guid orderId, Viewer viewer, Func<EnteredCourtOrder, Failure?> refuse,
        Action<EnteredCourtOrder, UnitOfWork> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<CourtOrderView>(db, time, async work =>
        {
            var order = await db.CourtOrders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null || await viewer.FindPersonAsync(db, order.PersonId, cancellationToken) is null)
            {
                return new NotFound($"No court order {orderId}.");
            }
            if (refuse(order) is { } failure)
            {
                return failure;
            }
            change(order, work);
            return CourtOrderView.Of(order);
        }, cancellationToken);
    }

    private static List<FieldError> Validate(EnterCourtOrderRequest r, DateTimeOffset now, bool mayRecordVerified, out DateTimeOffset issuedAt, out DateTimeOffset? expiresAt)
    {
        var errors = new List<FieldError>();
        issuedAt = default;
        expiresAt = null;
        if (string.IsNullOrWhiteSpace(r.Kind) || !EnteredCourtOrder.Kinds.Contains(r.Kind))
        {
            errors.Add(new FieldError("kind", $"One of: {string.Join(", ", EnteredCourtOrder.Kinds)}."));
        }
        if (string.IsNullOrWhiteSpace(r.Court) || r.Court.Trim().Length > 200)
        {
            errors.Add(new FieldError("court", "The issuing court, 1 to 200 characters."));
        }
        if (r.Docket is { Length: > 100 })
        {
            errors.Add(new FieldError("docket", "At most 100 characters."));
        }
        if (!Instants.TryParseRfc3339(r.IssuedAt?.Trim(), out issuedAt))
        {
            errors.Add(new FieldError("issuedAt", "When the court issued the order, RFC 3339 with its offset, such as 2025-03-15T09:52:00-07:00."));
        }
        else if (issuedAt > now)
        {
            errors.Add(new FieldError("issuedAt", "An order is entered once issued; this instant is in the future."));
        }
        if (!string.IsNullOrWhiteSpace(r.ExpiresAt))
        {
            if (!Instants.TryParseRfc3339(r.ExpiresAt.Trim(), out var expires))
            {
                errors.Add(new FieldError("expiresAt", "RFC 3339 with its offset, or leave it out for an order without an end."));
            }
            else if (expires <= issuedAt)
            {
                errors.Add(new FieldError("expiresAt", "expiresAt must be after issuedAt."));
            }
            else
            {
                expiresAt = expires;
            }
        }
        var destinations = r.Destinations ?? [];
        for (var i = 0; i < destinations.Count; i++)
        {
            if (destinations[i] is null || !Country().IsMatch(destinations[i]))
            {
                errors.Add(new FieldError($"destinations[{i}]", "An ISO 3166-1 alpha-2 code such as SV."));
            }
        }
        if (destinations.Distinct(StringComparer.Ordinal).Count() != destinations.Count)
        {
            errors.Add(new FieldError("destinations", "Each destination once."));
        }
        if (r.DocumentReference is { Length: > 500 })
        {
            errors.Add(new FieldError("documentReference", "At most 500 characters."));
        }
        if (r.Verified && !mayRecordVerified)
        {
            errors.Add(new FieldError("verified", "Only courts and legal reviewers record an order as verified; enter it unverified — it blocks all the same until verified."));
        }
        return errors;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();
}
