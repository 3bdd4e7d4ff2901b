using System.Text.Json;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.People;

public sealed record ClassOrderView(string Id, string Court, string? Docket, string Description, DateTime IssuedAt, DateTime? ExpiresAt, DateTime? LiftedAt, JsonObject Order,
    bool Verified, string? VerifiedBy)
{
    public static ClassOrderView Of(ClassOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.Court, o.Docket, o.Description, o.IssuedAt, o.ExpiresAt, o.LiftedAt, JsonNode.Parse(o.Facts)!.AsObject(), o.Verified, o.VerifiedBy);
    }
}

/// <summary>A bundle's copy of a court's class order that differs from the record, kept for legal review.</summary>
public sealed record ClassOrderConflictView(Guid Id, string ClassOrderId, JsonObject Copy, string Import, string RecordedBy, DateTime RecordedAt);

/// <summary>
/// Class orders (court orders protecting everyone who matches their predicates): entered by a court
/// or legal reviewer in the case-bundle format, and lifted; both ledgered like an import's, so
/// screening counts them from the moment they are committed.
/// </summary>
public sealed class ClassOrderCommands(CustodyDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<ClassOrderView>> ListAsync(CancellationToken cancellationToken = default) =>
        (await db.ClassOrders.AsNoTracking().OrderBy(o => o.IssuedAt).ToListAsync(cancellationToken)).Select(ClassOrderView.Of).ToList();

    /// <summary>Bundle copies that differ from a court's record, newest first: the legal reviewers' queue.</summary>
    public async Task<IReadOnlyList<ClassOrderConflictView>> ConflictsAsync(CancellationToken cancellationToken = default) =>
        (await db.ClassOrderConflicts.AsNoTracking().OrderByDescending(c => c.Seq).ToListAsync(cancellationToken))
            .Select(c => new ClassOrderConflictView(c.Id, c.ClassOrderId, JsonNode.Parse(c.Copy)!.AsObject(), c.Import, c.RecordedBy, c.RecordedAt)).ToList();

    /// <summary>Confirms an imported order against the court's record: from then on no import changes it.</summary>
    public Task<Result<ClassOrderView>> VerifyAsync(string id, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<ClassOrderView>(db, time, async work =>
        {
            var order = await db.ClassOrders.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (order is null)
            {
                return new NotFound($"No class order {id}.");
            }
            if (order.Verified)
            {
                return new Conflict($"Class order {id} is already the court's record (verified by {order.VerifiedBy}).");
            }
            work.Record(new ClassOrderVerified(id), viewer.Actor);
            return ClassOrderView.Of(order);
        }, cancellationToken);
    }

    /// <summary>Enters an order given in the case-bundle <c>classOrder</c> format; its id must be new.</summary>
    public async Task<Result<ClassOrderView>> EnterAsync(JsonElement order, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = FormatSchemas.Validate(FormatSchemas.ClassOrder, order).ToList();
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var facts = CanonicalJson.JsonNodeFrom(order)!.AsObject();
        var issuedAt = Instants.Parse(facts["issuedAt"]!.GetValue<string>());
        if (issuedAt > Instants.Now(time))
        {
            return new Invalid([new FieldError("/issuedAt", "An order is entered once issued; this instant is in the future.")]);
        }
        if (facts["expiresAt"] is { } expires && Instants.Parse(expires.GetValue<string>()) <= issuedAt)
        {
            return new Invalid([new FieldError("/expiresAt", "expiresAt must be after issuedAt.")]);
        }
        var id = facts["id"]!.GetValue<string>();
        return await UnitOfWork.RunAsync<ClassOrderView>(db, time, async work =>
        {
            if (await db.ClassOrders.AnyAsync(o => o.Id == id, cancellationToken))
            {
                return new Conflict($"A class order {id} is already on record.");
            }
            // Entered by a court or legal reviewer: the court's record.
            work.Record(new ClassOrderRecorded(facts, Verified: true), viewer.Actor);
            return ClassOrderView.Of(work.Store.Find<ClassOrder>(id)!);
        }, cancellationToken);
    }

    /// <summary>Records that the court lifted the order, at <paramref name="liftedAt"/> (RFC 3339, default now).</summary>
    public async Task<Result<ClassOrderView>> LiftAsync(string id, string? liftedAt, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (Instants.ReadPast(liftedAt, time.GetUtcNow(), "liftedAt", out var at) is { } error)
        {
            return new Invalid([error]);
        }
        var lifted = Instants.Utc(at);
        return await UnitOfWork.RunAsync<ClassOrderView>(db, time, async work =>
        {
            var order = await db.ClassOrders.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (order is null)
            {
                return new NotFound($"No class order {id}.");
            }
            if (order.LiftedAt is { } already)
            {
                return new Conflict($"Class order {id} was already lifted at {Instants.ToText(already)}.");
            }
            if (lifted < order.IssuedAt)
            {
                return new Invalid([new FieldError("liftedAt", "An order cannot be lifted before it was issued.")]);
            }
            work.Record(new ClassOrderUpdated(id, new JsonObject { ["liftedAt"] = Instants.ToText(lifted) }, []), viewer.Actor);
            return ClassOrderView.Of(order);
        }, cancellationToken);
    }
}
