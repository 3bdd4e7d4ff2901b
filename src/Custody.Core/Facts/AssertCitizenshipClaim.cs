using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Facts;

/// <summary>A claim to citizenship of a country: asserted here, or resolved (<c>verified</c> or <c>rejected</c>) by <see cref="ResolveCitizenshipClaim"/>.</summary>
public sealed record CitizenshipClaimRequest(string? Country, string? Status, string? Basis);

/// <summary>
/// Records a claim to citizenship of a country, asserted: a claim to the sending state's blocks
/// removal until it is resolved, since no state removes its own citizen. One per country: a second
/// claim resolves the first instead.
/// </summary>
public sealed class AssertCitizenshipClaim(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<FactOutcome>> HandleAsync(PersonId person, CitizenshipClaimRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FactEntries.EnteredAsync(db, person, "citizenshipClaims", f => f["country"]?.GetValue<string>() == request.Country, cancellationToken) is not null)
        {
            return new Conflict($"A claim to citizenship of {request.Country} is already on record; resolve it instead.");
        }
        var fact = new JsonObject { ["country"] = request.Country, ["status"] = "asserted", ["recordedAt"] = Instants.ToText(Instants.Now(time)) };
        FactEntries.Optional(fact, "basis", request.Basis);
        return await FactEntries.EnterAsync(db, time, person, "citizenshipClaims", fact, viewer, (_, _) => [], cancellationToken);
    }
}
