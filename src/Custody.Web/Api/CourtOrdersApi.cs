using Custody.CourtOrders;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Custody.Web.Api;

/// <summary>Court orders entered in Custody: report (blocks at once, verified or not), verify, lift.</summary>
public static class CourtOrdersApi
{
    public static void MapCourtOrdersApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/people/{id:guid}/court-orders", async (Guid id, CourtOrderCommands orders, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await orders.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Court orders")
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The court orders entered in Custody for a person (orders from case bundles are among the person's facts).")
            .Produces<IReadOnlyList<CourtOrderView>>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/people/{id:guid}/court-orders", async (Guid id, EnterCourtOrderRequest request, CourtOrderCommands orders, IAuthorizationService authorization, HttpContext http, CancellationToken ct) =>
            {
                var mayVerify = (await authorization.AuthorizeAsync(http.User, Policies.DecideCourtOrders)).Succeeded;
                var result = await orders.EnterAsync(id, request, ApiResults.ViewerOf(http.User), mayVerify, ct);
                return result.Value is { } order ? TypedResults.Created($"/api/court-orders/{order.Id}", order) : ApiResults.Problem(result.Failure!);
            })
            .WithTags("Court orders")
            .RequireAuthorization(Policies.EnterCourtOrders)
            .WithSummary("Enter a court order naming the person. It blocks screening from this request on; an order reported by counsel is entered unverified and blocks all the same.")
            .Produces<CourtOrderView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var decide = api.MapGroup("/court-orders/{orderId:guid}").WithTags("Court orders").RequireAuthorization(Policies.DecideCourtOrders);
        decide.MapPost("/verify", async (Guid orderId, CourtOrderCommands orders, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await orders.VerifyAsync(orderId, ApiResults.ViewerOf(http.User), ct)))
            .WithSummary("Record that the order was checked with the court. 409 if it already was.")
            .Produces<CourtOrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        decide.MapPost("/lift", async (Guid orderId, LiftCourtOrderRequest? request, CourtOrderCommands orders, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await orders.LiftAsync(orderId, request ?? new LiftCourtOrderRequest(null), ApiResults.ViewerOf(http.User), ct)))
            .WithSummary("Record that the court lifted the order (at liftedAt, default now). 409 if it already was.")
            .Produces<CourtOrderView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
