using Custody.Agreements;
using Custody.Persistence;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>Agreements and their versions.</summary>
public static class AgreementsApi
{
    public static void MapAgreementsApi(this IEndpointRouteBuilder api)
    {
        var agreements = api.MapGroup("/agreements").WithTags("Agreements").RequireAuthorization(Policies.ReadAgreements);
        agreements.MapGet("/", async (ReadAgreements read, CancellationToken ct) => TypedResults.Ok(await read.ListAsync(ct)))
            .WithSummary("Every agreement with its parties and number of versions.");
        agreements.MapGet("/{id}", async (string id, ReadAgreements read, CancellationToken ct) => Found<AgreementDetail>.From(await read.GetAsync(id, ct)))
            .WithSummary("One agreement with every version as imported.");
        agreements.MapGet("/{id}/compare", async (string id, int? a, int? b, CustodyDbContext db, CancellationToken ct) =>
                Found<VersionComparison>.From(await new CompareVersions(db).RunAsync(id, a, b, ct)))
            .WithSummary("Two versions side by side (default: the last two): every term with its value in each and whether it changed.");
    }
}
