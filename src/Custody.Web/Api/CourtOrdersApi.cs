using Custody.Common;
using Custody.CourtOrders;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Custody.Web.Api;

/// <summary>Court orders entered in Custody: report (blocks at once, verified or not), verify, lift.</summary>
public static class CourtOrdersApi
{
    public static void MapCourtOrdersApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/people/{id:guid}/court-orders", async (PersonId id, ReadCourtOrders read, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<CourtOrderView>>.From(await read.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Court orders")
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The court orders entered in Custody for a person (orders from case bundles are among the person's facts).");

        api.MapPost("/people/{id:guid}/court-orders", async (PersonId id, EnterCourtOrderRequest request, EnterCourtOrder enter, IAuthorizationService authorization, HttpContext http,
                CancellationToken ct) =>
            {
                var mayVerify = (await authorization.AuthorizeAsync(http.User, Policies.DecideCourtOrders)).Succeeded;
                return CreatedAnswer<CourtOrderView>.From(await enter.HandleAsync(id, request, ApiResults.ViewerOf(http.User), mayVerify, ct), order => $"/api/court-orders/{order.Id}");
            })
            .WithTags("Court orders")
            .RequireAuthorization(Policies.EnterCourtOrders)
            .WithSummary("Enter a court order naming the person. It blocks screening from this request on; an order reported by counsel is entered unverified and blocks all the same.");

        var decide = api.MapGroup("/court-orders/{orderId:guid}").WithTags("Court orders").RequireAuthorization(Policies.DecideCourtOrders);
        decide.MapPost("/verify", async (Guid orderId, VerifyCourtOrder verify, HttpContext http, CancellationToken ct) =>
                Answer<CourtOrderView>.From(await verify.HandleAsync(orderId, ApiResults.ViewerOf(http.User), ct)))
            .WithSummary("Record that the order was checked with the court. 409 if it already was.");
        decide.MapPost("/lift", async (Guid orderId, LiftCourtOrderRequest? request, LiftCourtOrder lift, HttpContext http, CancellationToken ct) =>
                Answer<CourtOrderView>.From(await lift.HandleAsync(orderId, request ?? new LiftCourtOrderRequest(null), ApiResults.ViewerOf(http.User), ct)))
            .WithSummary("Record that the court lifted the order (at liftedAt, default now). 409 if it already was.");
    }
}
