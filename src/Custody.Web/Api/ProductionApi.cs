using Custody.Common;
using Custody.Production;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>Courts order a person's whereabouts declared or the person produced; custodians answer with a ledgered declaration.</summary>
public static class ProductionApi
{
    public static void MapProductionApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/people/{id:guid}/production-requests", async (PersonId id, OrderProductionRequest request, OrderProduction order, HttpContext http, CancellationToken ct) =>
                CreatedAnswer<ProductionRequestView>.From(await order.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct), o => $"/api/production-requests/{o.Id}"))
            .WithTags("Production requests")
            .RequireAuthorization(Policies.OrderProduction)
            .WithSummary("A court orders the custodian to declare the person's whereabouts (whereabouts) or to produce them (produce-video, produce-in-person) by a deadline.");

        api.MapGet("/people/{id:guid}/production-requests", async (PersonId id, ReadProductionRequests read, CancellationToken ct) =>
                TypedResults.Ok(await read.ListAsync(id, overdueOnly: false, ct)))
            .WithTags("Production requests")
            .RequireAuthorization(Policies.ReadProduction)
            .WithSummary("Every production request for the person, with its declaration.");

        api.MapGet("/production-requests", async (bool? overdue, ReadProductionRequests read, CancellationToken ct) =>
                TypedResults.Ok(await read.ListAsync(null, overdue ?? false, ct)))
            .WithTags("Production requests")
            .RequireAuthorization(Policies.ReadProduction)
            .WithSummary("The open production requests, earliest deadline first; overdue=true lists only those past their deadline.");

        api.MapPost("/production-requests/{id:guid}/declaration", async (Guid id, DeclareWhereaboutsRequest request, DeclareWhereabouts declare, HttpContext http, CancellationToken ct) =>
                Answer<ProductionRequestView>.From(await declare.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Production requests")
            .RequireAuthorization(Policies.DeclareWhereabouts)
            .WithSummary("The custodian's declaration: the place is the register's current custody record; the welfare check (latest, ≤ 72 h old) or granted visit proves the person was seen. 409 if already answered.");
    }
}
