using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facts;

/// <summary>The decision on a fact: a fear claim's outcome (positive, negative), a protection's status (granted, denied, terminated), a proceeding's (decided, withdrawn).</summary>
public sealed record DecideFactRequest(string? Decision, string? DecidedAt);

/// <summary>
/// Decides a fact: a fear claim, a protection or a proceeding. A decision once taken is not taken
/// again (409), so two officers deciding at once cannot overwrite each other's outcome.
/// </summary>
public sealed class DecideFact(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<FactOutcome>> HandleAsync(Guid factId, DecideFactRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Instants.ReadPast(request.DecidedAt, time.GetUtcNow(), "decidedAt", out var decidedAt) is { } error)
        {
            return new Invalid([error]);
        }
        var fact = await db.EnteredFacts.AsNoTracking().SingleOrDefaultAsync(f => f.Id == factId, cancellationToken);
        if (fact is null)
        {
            return new NotFound($"No fact {factId}.");
        }
        var (field, allowed, open) = fact.Kind switch
        {
            "fearClaims" => ("outcome", new[] { "positive", "negative" }, "pending"),
            "protections" => ("status", new[] { "granted", "denied", "terminated" }, (string?)null),
            "proceedings" => ("status", new[] { "decided", "withdrawn" }, "pending"),
            _ => ("", Array.Empty<string>(), null),
        };
        if (allowed.Length == 0)
        {
            return new Conflict($"A {fact.Kind} fact is not decided.");
        }
        if (request.Decision is null || !allowed.Contains(request.Decision))
        {
            return new Invalid([new FieldError("decision", $"One of: {string.Join(", ", allowed)}.")]);
        }
        var set = new JsonObject { [field] = request.Decision };
        if (fact.Kind == "fearClaims")
        {
            set["decidedAt"] = Instants.ToText(Instants.Utc(decidedAt));
        }
        return await FactEntries.UpdateAsync(db, time, factId, fact.Kind, "decided", viewer, current =>
        {
            var status = current[field]!.GetValue<string>();
            Failure? refusal = (open is not null && status != open) || status == request.Decision
                ? new Conflict($"Already {status}.")
                : null;
            return Task.FromResult(refusal);
        }, new JsonChanges(set, []), [], cancellationToken);
    }
}
