using Custody.Transfers;
using Custody.Web.Auth;
using Custody.Web.Reports;

namespace Custody.Web.Api;

/// <summary>Manifests: build, lock, substitute, board, depart, arrive, hand over, discrepancies, incidents, reconciliation.</summary>
public static class TransfersApi
{
    public static void MapTransfersApi(this IEndpointRouteBuilder api)
    {
        var manifests = api.MapGroup("/manifests").WithTags("Manifests");
        manifests.MapGet("/", async (string? status, ReadManifests read, CancellationToken ct) => TypedResults.Ok(await read.BoardAsync(status, ct)))
            .RequireAuthorization(Policies.ReadManifests)
            .WithSummary("The manifest board: every manifest with head counts and open alerts, newest departure first; filter by status.");
        manifests.MapGet("/{id:guid}", async (Guid id, ReadManifests read, CancellationToken ct) =>
                await read.FindAsync(id, ct) is { } view ? Results.Ok(view) : ApiResults.Problem(new Custody.Common.NotFound($"No manifest {id}.")))
            .RequireAuthorization(Policies.ReadManifests)
            .WithSummary("A manifest with its people (role, status, last screening, alerts, acknowledgements), discrepancies and reconciliation counts.")
            .Produces<ManifestView>().ProducesProblem(StatusCodes.Status404NotFound);
        manifests.MapGet("/{id:guid}/reconciliation.csv", async (Guid id, ReadManifests read, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
                await read.FindAsync(id, ct) is { } view ? Results.File(await ReconciliationReport.CsvAsync(view, localizer.Words(), ct), "text/csv", $"manifest-{id}-reconciliation.csv") : Results.NotFound())
            .RequireAuthorization(Policies.ReadManifests)
            .WithSummary("The reconciliation report as CSV: one row per person, then the counts.")
            .ProducesFile("text/csv").Produces(StatusCodes.Status404NotFound);
        manifests.MapGet("/{id:guid}/reconciliation.pdf", async (Guid id, ReadManifests read, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
                await read.FindAsync(id, ct) is { } view ? Results.File(ReconciliationReport.Pdf(view, localizer.Words()), "application/pdf", $"manifest-{id}-reconciliation.pdf") : Results.NotFound())
            .RequireAuthorization(Policies.ReadManifests)
            .WithSummary("The reconciliation report as PDF.")
            .ProducesFile("application/pdf").Produces(StatusCodes.Status404NotFound);

        manifests.MapPost("/", async (CreateManifestRequest request, ManifestCommands commands, HttpContext http, CancellationToken ct) =>
            {
                var result = await commands.CreateAsync(request, ApiResults.ViewerOf(http.User), ct);
                return result.Value is { } view ? TypedResults.Created($"/api/manifests/{view.Id}", view) : ApiResults.Problem(result.Failure!);
            })
            .RequireAuthorization(Policies.BuildManifests)
            .WithSummary("Create a draft manifest: agreement, carrier, flight or convoy number, origin (sending state) and destination (receiving state) facilities, scheduled departure.")
            .Produces<ManifestView>(StatusCodes.Status201Created).ProducesValidationProblem();

        Post(manifests, "/{id:guid}/people", Policies.BuildManifests, "Add a principal or alternate (screened at nomination; a blocked person is refused with every reason).",
            (Guid id, AddToManifestRequest request, ManifestCommands c, HttpContext http, CancellationToken ct) => c.AddPersonAsync(id, request, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/people/{personId:guid}/remove", Policies.BuildManifests, "Remove a listed person from a draft, with the reason.",
            (Guid id, Guid personId, ReasonRequest request, ManifestCommands c, HttpContext http, CancellationToken ct) => c.RemovePersonAsync(id, personId, request, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/lock", Policies.BuildManifests, "Lock: screens everyone; refused if anyone is blocked or the agreement's person cap would be exceeded.",
            (Guid id, ManifestCommands c, HttpContext http, CancellationToken ct) => c.LockAsync(id, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/unlock", Policies.BuildManifests, "Return a locked manifest to draft, with the reason (before boarding).",
            (Guid id, ReasonRequest request, ManifestCommands c, HttpContext http, CancellationToken ct) => c.UnlockAsync(id, request, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/substitute", Policies.BuildManifests, "Replace a principal by an alternate: the supervisor's approval, with a fresh screening of the alternate. Never by position.",
            (Guid id, SubstituteRequest request, ManifestCommands c, HttpContext http, CancellationToken ct) => c.SubstituteAsync(id, request, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/people/{personId:guid}/boarding", Policies.EscortManifests, "Record boarding: boarded (identity checked against a verified identifier; screened), no-show, or refused with reason.",
            (Guid id, Guid personId, BoardingRequest request, BoardingCommands c, HttpContext http, CancellationToken ct) => c.BoardAsync(id, personId, request, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/people/{personId:guid}/disembark", Policies.EscortManifests, "Take a boarded person off before departure, with the reason; custody returns to the origin facility.",
            (Guid id, Guid personId, ReasonRequest request, BoardingCommands c, HttpContext http, CancellationToken ct) => c.DisembarkAsync(id, personId, request, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/rescreen", Policies.BuildManifests, "Screen everyone still travelling now; raises or clears alerts.",
            (Guid id, BoardingCommands c, HttpContext http, CancellationToken ct) => c.RescreenAsync(id, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/depart", Policies.BuildManifests, "The departure gate: refused unless every boarded person has a fresh, eligible screening. Queues the transfer notices.",
            (Guid id, DepartRequest? request, BoardingCommands c, HttpContext http, CancellationToken ct) => c.DepartAsync(id, request ?? new DepartRequest(null), ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/arrive", Policies.ArriveManifests, "Record arrival.",
            (Guid id, ArriveRequest? request, HandOverCommands c, HttpContext http, CancellationToken ct) => c.ArriveAsync(id, request ?? new ArriveRequest(null), ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/people/{personId:guid}/dispatch", Policies.DispatchPeople, "The handing-over official's acknowledgement (the sending state's on a transfer, the holding state's on a return; screened; refused while return is required).",
            (Guid id, Guid personId, HandOverCommands c, HttpContext http, CancellationToken ct) => c.DispatchAsync(id, personId, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/people/{personId:guid}/receive", Policies.ReceivePeople, "The taking official's acknowledgement (another user): on a transfer custody passes to the receiving state on behalf of the sending state; on a return, back to the sending state.",
            (Guid id, Guid personId, HandOverCommands c, HttpContext http, CancellationToken ct) => c.ReceiveAsync(id, personId, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/discrepancies", Policies.RecordIncidents, "Record a discrepancy (missing, extra, injured, identity doubt): kept as recorded.",
            (Guid id, DiscrepancyRequest request, HandOverCommands c, HttpContext http, CancellationToken ct) => c.RecordDiscrepancyAsync(id, request, ApiResults.ViewerOf(http.User), ct));
        Post(manifests, "/{id:guid}/incidents", Policies.RecordIncidents, "Record an incident in transit; queues the report to an independent authority and the notice to next of kin, with deadlines.",
            (Guid id, RecordIncidentRequest request, IncidentCommands c, HttpContext http, CancellationToken ct) => c.RecordInTransitAsync(id, request, ApiResults.ViewerOf(http.User), ct));

        api.MapGet("/people/{id:guid}/custody", async (Guid id, ReadCustody read, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await read.TimelineAsync(id, ApiResults.ViewerOf(http.User), logAccess: true, ct)))
            .WithMetadata(new Infrastructure.LogsOwnReadsAttribute())
            .WithTags("Custody")
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The person's custody timeline, oldest first; the last record is current. The read is ledgered.")
            .Produces<IReadOnlyList<CustodyRecordView>>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void Post(RouteGroupBuilder group, string pattern, string policy, string summary, Delegate handler) =>
        group.MapPost(pattern, handler)
            .RequireAuthorization(policy)
            .WithSummary(summary)
            // Handlers return the command's Result; this maps it to 200 or ProblemDetails in one place.
            .AddEndpointFilter(async (context, next) => await next(context) switch
            {
                Custody.Common.Result<ManifestView> result => ApiResults.From(result),
                var other => other,
            })
            .Produces<ManifestView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
