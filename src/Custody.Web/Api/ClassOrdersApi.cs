using System.Text.Json;
using Custody.People;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>Class orders: list, enter (case-bundle format), verify, lift; the conflicts imports brought.</summary>
public static class ClassOrdersApi
{
    public static void MapClassOrdersApi(this IEndpointRouteBuilder api)
    {
        var orders = api.MapGroup("/class-orders").WithTags("Class orders");
        orders.MapGet("/", async (ReadClassOrders read, CancellationToken ct) => TypedResults.Ok(await read.ListAsync(ct)))
            .RequireAuthorization(Policies.ReadAgreements)
            .WithSummary("Every class order on record, imported or entered, with its predicates.");
        orders.MapPost("/", async (JsonElement order, EnterClassOrder enter, HttpContext http, CancellationToken ct) =>
                CreatedAnswer<ClassOrderView>.From(await enter.HandleAsync(order, ApiResults.ViewerOf(http.User), ct), entered => $"/api/class-orders/{Uri.EscapeDataString(entered.Id)}"))
            .RequireAuthorization(Policies.DecideCourtOrders)
            .WithSummary("Enter a class order in the case-bundle classOrder format (id, court, description, issuedAt and at least one predicate). 409 if the id is taken.");
        orders.MapGet("/conflicts", async (ReadClassOrders read, CancellationToken ct) => TypedResults.Ok(await read.ConflictsAsync(ct)))
            .RequireAuthorization(Policies.ReadAgreements)
            .WithSummary("Copies of court-held class orders in imported bundles that differ from the court's record (kept for legal review; never applied).");
        orders.MapPost("/{id}/verify", async (string id, VerifyClassOrder verify, HttpContext http, CancellationToken ct) =>
                Answer<ClassOrderView>.From(await verify.HandleAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideCourtOrders)
            .WithSummary("Confirm an imported class order against the court's record: from then on no import changes, narrows or lifts it. 409 if already verified.");
        orders.MapPost("/{id}/lift", async (string id, LiftClassOrderRequest? request, LiftClassOrder lift, HttpContext http, CancellationToken ct) =>
                Answer<ClassOrderView>.From(await lift.HandleAsync(id, request ?? new LiftClassOrderRequest(null), ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideCourtOrders)
            .WithSummary("Record that the court lifted the class order (at liftedAt, default now). 409 if it already was.");
    }
}
