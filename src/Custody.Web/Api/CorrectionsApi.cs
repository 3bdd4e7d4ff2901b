using Custody.Common;
using Custody.Corrections;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>Corrections, never edits: proposed with a reason, decided by a second user of the responsible side.</summary>
public static class CorrectionsApi
{
    public static void MapCorrectionsApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/people/{id:guid}/corrections", async (PersonId id, ProposeCorrectionRequest request, ProposeCorrection propose, HttpContext http, CancellationToken ct) =>
                Answer<CorrectionView>.From(await propose.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Corrections")
            .RequireAuthorization(Policies.CorrectRecords)
            .WithSummary("Propose a correction of a custody record's time (custodyRecordNumber, occurredAt) or field (custodyRecordNumber, field legalAuthority/funder/note, value), or of a register field (field, value), with a reason. Nothing changes until a second user of the responsible side approves.");
        api.MapGet("/people/{id:guid}/corrections", async (PersonId id, ReadCorrections read, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<CorrectionView>>.From(await read.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Corrections")
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("Every correction proposed for the person: what it corrects, from what to what, why, and who decided.");
        api.MapPost("/corrections/{id:guid}/decision", async (Guid id, DecideCorrectionRequest request, DecideCorrection decide, HttpContext http, CancellationToken ct) =>
                Answer<CorrectionView>.From(await decide.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Corrections")
            .RequireAuthorization(Policies.CorrectRecords)
            .WithSummary("Approve or reject (with a reason) a proposed correction: another user than the proposer, of the side responsible for the record (403 otherwise; 409 once decided).");
    }
}
