using Custody.Ledger;
using Custody.Persistence;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>The ledger for auditors and courts: its head, and a full verification.</summary>
public static class LedgerApi
{
    public static void MapLedgerApi(this IEndpointRouteBuilder api)
    {
        var ledger = api.MapGroup("/ledger").WithTags("Ledger").RequireAuthorization(Policies.VerifyLedger);
        ledger.MapGet("/head", async (CustodyDbContext db, CancellationToken ct) => TypedResults.Ok(await LedgerHeadView.ReadAsync(db, ct)))
            .WithSummary("The ledger's size and RFC 9162 tree hash.");
        ledger.MapPost("/verify", async (CustodyDbContext db, CancellationToken ct) => TypedResults.Ok(await new VerifyLedger(db).RunAsync(null, ct)))
            .WithSummary("Recompute every hash and rebuild every table from the ledger; ok is true only when all agree, else the first bad seq or table row is named.")
            .Produces<LedgerVerification>();
    }
}
