using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Facts;

public sealed record RaiseFearClaimRequest(string? Country, string? RaisedAt);

/// <summary>
/// Raises a fear claim for a country between bundles: pending, it blocks removal there from the
/// commit on, so a claim made to an officer protects the person before the next bundle says so.
/// </summary>
public sealed class RaiseFearClaim(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<FactOutcome>> HandleAsync(PersonId person, RaiseFearClaimRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Instants.ReadPast(request.RaisedAt, time.GetUtcNow(), "raisedAt", out var raisedAt) is { } error)
        {
            return Task.FromResult(Result<FactOutcome>.Fail(new Invalid([error])));
        }
        var fact = new JsonObject { ["country"] = request.Country, ["raisedAt"] = Instants.ToText(Instants.Utc(raisedAt)), ["outcome"] = "pending" };
        return FactEntries.EnterAsync(db, time, person, "fearClaims", fact, viewer, (_, _) => [], cancellationToken);
    }
}
