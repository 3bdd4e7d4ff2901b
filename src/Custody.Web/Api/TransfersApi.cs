using Custody.Common;
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
        manifests.MapGet("/{id:guid}", async (Guid id, ReadManifests read, CancellationToken ct) => Found<ManifestView>.From(await read.FindAsync(id, ct), $"No manifest {id}."))
            .RequireAuthorization(Policies.ReadManifests)
            .WithSummary("A manifest with its people (role, status, last screening, alerts, acknowledgements), discrepancies and reconciliation counts.");
        manifests.MapGet("/{id:guid}/reconciliation.csv", async (Guid id, ReadManifests read, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
                await read.FindAsync(id, ct) is { } view
                    ? FileAnswer.Of(TypedResults.File(await ReconciliationReport.CsvAsync(view, localizer.Words(), ct), ContentTypes.Csv, $"manifest-{id}-reconciliation.csv"), view)
                    : FileAnswer.Fail(new NotFound($"No manifest {id}.")))
            .RequireAuthorization(Policies.ReadManifests)
            .WithSummary("The reconciliation report as CSV: one row per person, then the counts.")
            .ProducesFile("text/csv");
        manifests.MapGet("/{id:guid}/reconciliation.pdf", async (Guid id, ReadManifests read, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
                await read.FindAsync(id, ct) is { } view
                    ? FileAnswer.Of(TypedResults.File(ReconciliationReport.Pdf(view, localizer.Words()), "application/pdf", $"manifest-{id}-reconciliation.pdf"), view)
                    : FileAnswer.Fail(new NotFound($"No manifest {id}.")))
            .RequireAuthorization(Policies.ReadManifests)
            .WithSummary("The reconciliation report as PDF.")
            .ProducesFile("application/pdf");

        manifests.MapPost("/", async (CreateManifestRequest request, CreateManifest create, HttpContext http, CancellationToken ct) =>
                CreatedAnswer<ManifestView>.From(await create.HandleAsync(request, ApiResults.ViewerOf(http.User), ct), view => $"/api/manifests/{view.Id}"))
            .RequireAuthorization(Policies.BuildManifests)
            .WithSummary("Create a draft manifest: agreement, carrier, flight or convoy number, origin (sending state) and destination (receiving state) facilities, scheduled departure.");

        manifests.MapPost("/{id:guid}/people", async (ManifestId id, AddToManifestRequest request, AddToManifest add, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await add.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.BuildManifests)
            .WithSummary("Add a principal or alternate (screened at nomination; a blocked person is refused with every reason).");
        manifests.MapPost("/{id:guid}/people/{personId:guid}/remove", async (ManifestId id, PersonId personId, ReasonRequest request, RemoveFromManifest remove, HttpContext http,
                CancellationToken ct) => Answer<ManifestView>.From(await remove.HandleAsync(id, personId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.BuildManifests)
            .WithSummary("Remove a listed person from a draft, with the reason.");
        manifests.MapPost("/{id:guid}/lock", async (ManifestId id, LockManifest @lock, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await @lock.HandleAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.BuildManifests)
            .WithSummary("Lock: screens everyone; refused if anyone is blocked or the agreement's person cap would be exceeded.");
        manifests.MapPost("/{id:guid}/unlock", async (ManifestId id, ReasonRequest request, UnlockManifest unlock, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await unlock.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.BuildManifests)
            .WithSummary("Return a locked manifest to draft, with the reason (before boarding).");
        manifests.MapPost("/{id:guid}/substitute", async (ManifestId id, SubstituteRequest request, SubstituteAlternate substitute, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await substitute.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.BuildManifests)
            .WithSummary("Replace a principal by an alternate: the supervisor's approval, with a fresh screening of the alternate. Never by position.");
        manifests.MapPost("/{id:guid}/people/{personId:guid}/boarding", async (ManifestId id, PersonId personId, BoardingRequest request, RecordBoarding board, HttpContext http,
                CancellationToken ct) => Answer<ManifestView>.From(await board.HandleAsync(id, personId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.EscortManifests)
            .WithSummary("Record boarding: boarded (identity checked against a verified identifier; screened), no-show, or refused with reason.");
        manifests.MapPost("/{id:guid}/people/{personId:guid}/disembark", async (ManifestId id, PersonId personId, ReasonRequest request, DisembarkPerson disembark, HttpContext http,
                CancellationToken ct) => Answer<ManifestView>.From(await disembark.HandleAsync(id, personId, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.EscortManifests)
            .WithSummary("Take a boarded person off before departure, with the reason; custody returns to the origin facility.");
        manifests.MapPost("/{id:guid}/rescreen", async (ManifestId id, RescreenManifest rescreen, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await rescreen.HandleAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.BuildManifests)
            .WithSummary("Screen everyone still travelling now; raises or clears alerts.");
        manifests.MapPost("/{id:guid}/depart", async (ManifestId id, DepartRequest? request, DepartManifest depart, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await depart.HandleAsync(id, request ?? new DepartRequest(null), ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.BuildManifests)
            .WithSummary("The departure gate: refused unless every boarded person has a fresh, eligible screening. Queues the transfer notices.");
        manifests.MapPost("/{id:guid}/arrive", async (ManifestId id, ArriveRequest? request, ArriveManifest arrive, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await arrive.HandleAsync(id, request ?? new ArriveRequest(null), ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ArriveManifests)
            .WithSummary("Record arrival.");
        manifests.MapPost("/{id:guid}/people/{personId:guid}/dispatch", async (ManifestId id, PersonId personId, DispatchPerson dispatch, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await dispatch.HandleAsync(id, personId, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DispatchPeople)
            .WithSummary("The handing-over official's acknowledgement (the sending state's on a transfer, the holding state's on a return; screened; refused while return is required).");
        manifests.MapPost("/{id:guid}/people/{personId:guid}/receive", async (ManifestId id, PersonId personId, ReceivePerson receive, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await receive.HandleAsync(id, personId, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReceivePeople)
            .WithSummary("The taking official's acknowledgement (another user): on a transfer custody passes to the receiving state on behalf of the sending state; on a return, back to the sending state.");
        manifests.MapPost("/{id:guid}/discrepancies", async (ManifestId id, DiscrepancyRequest request, RecordDiscrepancy record, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await record.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordIncidents)
            .WithSummary("Record a discrepancy (missing, extra, injured, identity doubt): kept as recorded.");
        manifests.MapPost("/{id:guid}/incidents", async (ManifestId id, RecordIncidentRequest request, RecordIncidentInTransit record, HttpContext http, CancellationToken ct) =>
                Answer<ManifestView>.From(await record.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordIncidents)
            .WithSummary("Record an incident in transit; queues the report to an independent authority and the notice to next of kin, with deadlines.");

        api.MapGet("/people/{id:guid}/custody", async (Guid id, ReadCustody read, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<CustodyRecordView>>.From(await read.TimelineAsync(id, ApiResults.ViewerOf(http.User), logAccess: true, ct)))
            .WithMetadata(new Infrastructure.LogsOwnReadsAttribute())
            .WithTags("Custody")
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The person's custody timeline, oldest first; the last record is current. The read is ledgered.");
    }
}
