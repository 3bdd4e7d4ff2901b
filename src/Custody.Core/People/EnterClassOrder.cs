using System.Text.Json;
using Custody.Access;
using Custody.Common;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.People;

/// <summary>
/// Enters a class order (a court order protecting everyone who matches its predicates), given by a
/// court or legal reviewer in the case-bundle <c>classOrder</c> format; its id must be new. Ledgered
/// like an import's, as the court's record, so screening counts it from the moment it is committed.
/// </summary>
public sealed class EnterClassOrder(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<ClassOrderView>> HandleAsync(JsonElement order, Viewer viewer, CancellationToken cancellationToken = default)
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
}
