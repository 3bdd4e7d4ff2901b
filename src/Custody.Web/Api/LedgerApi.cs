using Custody.Ledger;
using Custody.Persistence;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custody.Web.Api;

/// <summary>The ledger for auditors and courts: its head, and a full verification.</summary>
public static class LedgerApi
{
    public static void MapLedgerApi(this IEndpointRouteBuilder api)
    {
        var ledger = api.MapGroup("/ledger").WithTags("Ledger").RequireAuthorization(Policies.VerifyLedger);
        ledger.MapGet("/head", async (CustodyDbContext db, CancellationToken ct) => TypedResults.Ok(await LedgerHeadView.ReadAsync(db, ct)))
            .WithSummary("The ledger's size and RFC 9162 tree hash.");
        ledger.MapPost("/verify", async Task<Results<Ok<LedgerVerification>, ValidationProblem>> (CustodyDbContext db, long? size, string? treeHash, CancellationToken ct) =>
            {
                if ((size is null) != (treeHash is null) || size < 1 || treeHash is { Length: not 64 })
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["size"] = ["Give size (≥ 1) and treeHash (64 hex digits) of a head noted earlier, or neither."] });
                }
                var known = size is { } s && treeHash is { } h ? new KnownHead(s, h) : null;
                return TypedResults.Ok(await new VerifyLedger(db).RunAsync(null, known, ct));
            })
            .WithSummary("Recompute every hash and rebuild every table from the ledger; with size and treeHash, also check that a head noted earlier is still a prefix. ok is true only when all agree, else the first bad seq or table row is named.")
            .AsHeavy();
        ledger.MapProofs();
    }
}
