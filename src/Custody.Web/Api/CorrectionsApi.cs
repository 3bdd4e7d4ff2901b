using Custody.Corrections;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>Corrections, never edits: proposed with a reason, decided by a second user of the responsible side.</summary>
public static class CorrectionsApi
{
    public static void MapCorrectionsApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/people/{id:guid}/corrections", async (Guid id, ProposeCorrectionRequest request, CorrectionCommands corrections, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await corrections.ProposeAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Corrections")
            .RequireAuthorization(Policies.CorrectRecords)
            .WithSummary("Propose a correction of a custody record's time (custodyRecordNumber, occurredAt) or field (custodyRecordNumber, field legalAuthority/funder/note, value), or of a register field (field, value), with a reason. Nothing changes until a second user of the responsible side approves.")
            .Produces<CorrectionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/people/{id:guid}/corrections", async (Guid id, CorrectionCommands corrections, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await corrections.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Corrections")
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("Every correction proposed for the person: what it corrects, from what to what, why, and who decided.")
            .Produces<IReadOnlyList<CorrectionView>>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/corrections/{id:guid}/decision", async (Guid id, DecideCorrectionRequest request, CorrectionCommands corrections, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await corrections.DecideAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Corrections")
            .RequireAuthorization(Policies.CorrectRecords)
            .WithSummary("Approve or reject (with a reason) a proposed correction: another user than the proposer, of the side responsible for the record (403 otherwise; 409 once decided).")
            .Produces<CorrectionView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
