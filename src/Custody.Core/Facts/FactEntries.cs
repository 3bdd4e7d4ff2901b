using System.Text.Json.Nodes;
using System.Text.Json;
using Custody.Access;
using Custody.Common;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facts;

/// <summary>
/// What every legal-fact use case shares: a fact is validated against the case-bundle format for
/// its kind plus the rules it cannot state, then entered or updated with its ledger entry in one
/// transaction, so screening counts it from that commit on.
/// </summary>
internal static class FactEntries
{
    /// <summary>The fact of that kind entered for the person that matches, if any.</summary>
    public static async Task<EnteredFact?> EnteredAsync(CustodyDbContext db, PersonId person, string kind, Func<JsonObject, bool> matches, CancellationToken cancellationToken) =>
        (await db.EnteredFacts.AsNoTracking().Where(f => f.PersonId == person.Value && f.Kind == kind).ToListAsync(cancellationToken))
            .FirstOrDefault(f => matches(f.FactObject()));

    /// <summary>Enters a new fact: the schema for its kind first, then (only when the schema holds) <paramref name="check"/> against the person's facts, which may add warnings.</summary>
    public static async Task<Result<FactOutcome>> EnterAsync(CustodyDbContext db, TimeProvider time, PersonId person, string kind, JsonObject fact, Viewer viewer,
        Func<PersonFacts, List<string>, List<FieldError>> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = FormatSchemas.Validate(FormatSchemas.Fact(kind), JsonSerializer.SerializeToElement(fact)).Select(e => e with { Field = e.Field.TrimStart('/') is { Length: > 0 } f ? f : "/" }).ToList();
        return await UnitOfWork.RunAsync<FactOutcome>(db, time, async work =>
        {
            var found = await viewer.FindPersonAsync(db, person, cancellationToken);
            if (found is null)
            {
                return new NotFound($"No person {person} in the register.");
            }
            var warnings = new List<string>();
            if (errors.Count == 0)
            {
                errors.AddRange(check(PersonFacts.Parse(found.Facts), warnings));
            }
            if (errors.Count > 0)
            {
                return new Invalid(errors);
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new FactEntered(id, person.Value, kind, fact), viewer.Actor);
            return new FactOutcome(EnteredFactView.Of(work.Store.Find<EnteredFact>(id)!), warnings);
        }, cancellationToken);
    }

    public static Task<Result<FactOutcome>> UpdateAsync(CustodyDbContext db, TimeProvider time, Guid factId, string kind, string action, Viewer viewer,
        Func<JsonObject, Task<Failure?>> refuse, JsonChanges changes, List<string> warnings, CancellationToken cancellationToken) =>
        UpdateAsync(db, time, factId, kind, action, viewer, refuse, () => changes, warnings, cancellationToken);

    // The lock first (in the unit of work), then the read: of two concurrent decisions, the second sees the first.
    public static Task<Result<FactOutcome>> UpdateAsync(CustodyDbContext db, TimeProvider time, Guid factId, string kind, string action, Viewer viewer,
        Func<JsonObject, Task<Failure?>> refuse, Func<JsonChanges> changesAfterCheck, List<string> warnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<FactOutcome>(db, time, async work =>
        {
            var fact = await db.EnteredFacts.SingleOrDefaultAsync(f => f.Id == factId, cancellationToken);
            if (fact is null || fact.Kind != kind || await viewer.FindPersonAsync(db, fact.PersonId, cancellationToken) is null)
            {
                return new NotFound($"No {kind} fact {factId}.");
            }
            if (await refuse(fact.FactObject()) is { } failure)
            {
                return failure;
            }
            var changes = changesAfterCheck();
            work.Record(new FactUpdated(fact.Id, fact.PersonId, kind, action, changes.Set, changes.Removed), viewer.Actor);
            return new FactOutcome(EnteredFactView.Of(fact), warnings);
        }, cancellationToken);
    }

    /// <summary>Changes the person's designation for the group: Custody's own when it has one, else a copy of the bundle's (or a new one), which it then supersedes.</summary>
    public static async Task<Result<FactOutcome>> ChangeDesignationAsync(CustodyDbContext db, TimeProvider time, PersonId person, string group, string action, Viewer viewer,
        Func<JsonObject, Failure?> change, CancellationToken cancellationToken)
    {
        var entered = await EnteredAsync(db, person, "designations", f => f["group"]?.GetValue<string>() == group, cancellationToken);
        if (entered is not null)
        {
            JsonChanges? changes = null;
            var result = await UpdateAsync(db, time, entered.Id, "designations", action, viewer, fact =>
            {
                var failure = change(fact);
                changes = new JsonChanges(new JsonObject { ["evidence"] = fact["evidence"]!.DeepClone(), ["reviewers"] = fact["reviewers"]!.DeepClone() }, []);
                return Task.FromResult(failure);
            }, () => changes!, [], cancellationToken);
            return result;
        }
        var found = await viewer.FindPersonAsync(db, person, cancellationToken);
        var bundle = (found?.FactsObject()["designations"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(d => d["group"]?.GetValue<string>() == group);
        var designation = bundle?.DeepClone().AsObject() ?? new JsonObject { ["group"] = group, ["evidence"] = new JsonArray(), ["reviewers"] = new JsonArray() };
        if (change(designation) is { } refused)
        {
            return refused;
        }
        return await EnterAsync(db, time, person, "designations", designation, viewer, (_, _) => [], cancellationToken);
    }

    public static Task<Result<FactOutcome>> Invalid(string field, string message) =>
        Task.FromResult(Result<FactOutcome>.Fail(new Invalid([new FieldError(field, message)])));

    public static JsonArray Codes(IReadOnlyList<string>? values) => new((values ?? []).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    public static void Optional(JsonObject fact, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            fact[name] = value.Trim();
        }
    }
}
