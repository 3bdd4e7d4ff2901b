using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Facts;

/// <summary>
/// Resolves an asserted citizenship claim (from the bundle or recorded here) as verified or
/// rejected. The resolution supersedes the bundle's claims for that country, so a rejected claim
/// stops blocking removal without waiting for the sending state's next bundle.
/// </summary>
public sealed class ResolveCitizenshipClaim(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<FactOutcome>> HandleAsync(PersonId person, CitizenshipClaimRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status is not ("verified" or "rejected"))
        {
            return new Invalid([new FieldError("status", "Either verified or rejected.")]);
        }
        var entered = await FactEntries.EnteredAsync(db, person, "citizenshipClaims", f => f["country"]?.GetValue<string>() == request.Country, cancellationToken);
        if (entered is not null)
        {
            var set = new JsonObject { ["status"] = request.Status };
            FactEntries.Optional(set, "basis", request.Basis);
            return await FactEntries.UpdateAsync(db, time, entered.Id, "citizenshipClaims", "resolved", viewer, fact => Task.FromResult<Failure?>(
                fact["status"]!.GetValue<string>() == "asserted" ? null : new Conflict($"The claim was already resolved as {fact["status"]}.")),
                new JsonChanges(set, []), [], cancellationToken);
        }
        var fact = new JsonObject { ["country"] = request.Country, ["status"] = request.Status, ["recordedAt"] = Instants.ToText(Instants.Now(time)) };
        FactEntries.Optional(fact, "basis", request.Basis);
        return await FactEntries.EnterAsync(db, time, person, "citizenshipClaims", fact, viewer, (facts, _) =>
            facts.CitizenshipClaims.Any(c => c.Country == request.Country && c.Status == "asserted")
                ? []
                : [new FieldError("country", $"No asserted claim to citizenship of {request.Country} to resolve.")], cancellationToken);
    }
}
