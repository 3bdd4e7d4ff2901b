using System.Text.Json;
using Custody.People;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>Class orders: list, enter (case-bundle format), verify, lift; the conflicts imports brought.</summary>
public static class ClassOrdersApi
{
    public sealed record LiftRequest(string? LiftedAt);

    public static void MapClassOrdersApi(this IEndpointRouteBuilder api)
    {
        var orders = api.MapGroup("/class-orders").WithTags("Class orders");
        orders.MapGet("/", async (ClassOrderCommands commands, CancellationToken ct) => TypedResults.Ok(await commands.ListAsync(ct)))
            .RequireAuthorization(Policies.ReadAgreements)
            .WithSummary("Every class order on record, imported or entered, with its predicates.");
        orders.MapPost("/", async (JsonElement order, ClassOrderCommands commands, HttpContext http, CancellationToken ct) =>
            {
                var result = await commands.EnterAsync(order, ApiResults.ViewerOf(http.User), ct);
                return result.Value is { } entered ? TypedResults.Created($"/api/class-orders/{Uri.EscapeDataString(entered.Id)}", entered) : ApiResults.Problem(result.Failure!);
            })
            .RequireAuthorization(Policies.DecideCourtOrders)
            .WithSummary("Enter a class order in the case-bundle classOrder format (id, court, description, issuedAt and at least one predicate). 409 if the id is taken.")
            .Produces<ClassOrderView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        orders.MapGet("/conflicts", async (ClassOrderCommands commands, CancellationToken ct) => TypedResults.Ok(await commands.ConflictsAsync(ct)))
            .RequireAuthorization(Policies.ReadAgreements)
            .WithSummary("Copies of court-held class orders in imported bundles that differ from the court's record (kept for legal review; never applied).");
        orders.MapPost("/{id}/verify", async (string id, ClassOrderCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.VerifyAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideCourtOrders)
            .WithSummary("Confirm an imported class order against the court's record: from then on no import changes, narrows or lifts it. 409 if already verified.")
            .Produces<ClassOrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        orders.MapPost("/{id}/lift", async (string id, LiftRequest? request, ClassOrderCommands commands, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await commands.LiftAsync(id, request?.LiftedAt, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideCourtOrders)
            .WithSummary("Record that the court lifted the class order (at liftedAt, default now). 409 if it already was.")
            .Produces<ClassOrderView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
