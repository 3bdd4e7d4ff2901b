using Custody.Production;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>Courts order a person's whereabouts declared or the person produced; custodians answer with a ledgered declaration.</summary>
public static class ProductionApi
{
    public static void MapProductionApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/people/{id:guid}/production-requests", async (Guid id, OrderProductionRequest request, ProductionCommands production, HttpContext http, CancellationToken ct) =>
            {
                var result = await production.OrderAsync(id, request, ApiResults.ViewerOf(http.User), ct);
                return result.Value is { } ordered ? TypedResults.Created($"/api/production-requests/{ordered.Id}", ordered) : ApiResults.Problem(result.Failure!);
            })
            .WithTags("Production requests")
            .RequireAuthorization(Policies.OrderProduction)
            .WithSummary("A court orders the custodian to declare the person's whereabouts (whereabouts) or to produce them (produce-video, produce-in-person) by a deadline.")
            .Produces<ProductionRequestView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/people/{id:guid}/production-requests", async (Guid id, ProductionCommands production, CancellationToken ct) =>
                TypedResults.Ok(await production.ListAsync(id, overdueOnly: false, ct)))
            .WithTags("Production requests")
            .RequireAuthorization(Policies.ReadProduction)
            .WithSummary("Every production request for the person, with its declaration.");

        api.MapGet("/production-requests", async (bool? overdue, ProductionCommands production, CancellationToken ct) =>
                TypedResults.Ok(await production.ListAsync(null, overdue ?? false, ct)))
            .WithTags("Production requests")
            .RequireAuthorization(Policies.ReadProduction)
            .WithSummary("The open production requests, earliest deadline first; overdue=true lists only those past their deadline.");

        api.MapPost("/production-requests/{id:guid}/declaration", async (Guid id, DeclareWhereaboutsRequest request, ProductionCommands production, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await production.DeclareAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Production requests")
            .RequireAuthorization(Policies.DeclareWhereabouts)
            .WithSummary("The custodian's declaration: the place is the register's current custody record; the welfare check (latest, ≤ 72 h old) or granted visit proves the person was seen. 409 if already answered.")
            .Produces<ProductionRequestView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
