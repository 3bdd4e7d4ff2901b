using Custody.Common;
using Custody.Facts;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>Legal facts recorded between bundles; each answer carries warnings that do not stop the command.</summary>
public static class FactsApi
{
    public static void MapFactsApi(this IEndpointRouteBuilder api)
    {
        var person = api.MapGroup("/people/{id:guid}").WithTags("Legal facts");
        person.MapGet("/facts", async (PersonId id, ReadFacts read, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<EnteredFactView>>.From(await read.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The legal facts recorded in Custody for a person (the bundle's own are among the person's facts).");
        person.MapPost("/fear-claims", async (PersonId id, RaiseFearClaimRequest request, RaiseFearClaim raise, HttpContext http, CancellationToken ct) =>
                Created(await raise.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Raise a fear claim for a country (pending: it blocks removal there at once).");
        person.MapPost("/notices", async (PersonId id, RecordNoticeRequest request, RecordNotice record, HttpContext http, CancellationToken ct) =>
                Created(await record.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Record the service of a notice (default kind third-country-removal). Refused in a language the person does not speak; warns when counsel of record was not served.");
        person.MapPost("/protections", async (PersonId id, ReportProtectionRequest request, ReportProtection report, HttpContext http, CancellationToken ct) =>
                Created(await report.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Report a protection (pending claim or granted) and the countries it covers (none: every country).");
        person.MapPost("/proceedings", async (PersonId id, ReportProceedingRequest request, ReportProceeding report, HttpContext http, CancellationToken ct) =>
                Created(await report.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Report a pending proceeding (habeas, appeal, motion to reopen).");

        person.MapPost("/citizenship-claims", async (PersonId id, CitizenshipClaimRequest request, AssertCitizenshipClaim assert, HttpContext http, CancellationToken ct) =>
                Created(await assert.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Record a claim to citizenship of a country (asserted; a claim to the sending state's blocks until resolved).");
        person.MapPost("/citizenship-claims/resolve", async (PersonId id, CitizenshipClaimRequest request, ResolveCitizenshipClaim resolve, HttpContext http, CancellationToken ct) =>
                Created(await resolve.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideFacts)
            .WithSummary("Resolve an asserted citizenship claim as verified or rejected; supersedes the bundle's claims for that country.");
        person.MapGet("/designations", async (PersonId id, ReadFacts read, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<DesignationStatus>>.From(await read.DesignationsAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("Each gang designation as screening sees it: validated or not, and what it lacks.");
        person.MapPost("/designations/evidence", async (PersonId id, DesignationEvidenceRequest request, AddDesignationEvidence add, HttpContext http, CancellationToken ct) =>
                Created(await add.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReviewDesignations)
            .WithSummary("Add evidence to a designation (tattoos, clothing and the like corroborate; only a gang-offence conviction or a court finding validates).");
        person.MapPost("/designations/review", async (PersonId id, DesignationReviewRequest request, ReviewDesignation review, HttpContext http, CancellationToken ct) =>
                Created(await review.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReviewDesignations)
            .WithSummary("Review a designation as the signed-in user; 409 if this user already did (a second review is someone else's).");

        var fact = api.MapGroup("/facts/{factId:guid}").WithTags("Legal facts").RequireAuthorization(Policies.DecideFacts);
        fact.MapPost("/interview", async (Guid factId, ScheduleInterviewRequest request, ScheduleInterview schedule, HttpContext http, CancellationToken ct) =>
                Answer<FactOutcome>.From(await schedule.HandleAsync(factId, request, ApiResults.ViewerOf(http.User), ct)))
            .WithSummary("Schedule the interview of a pending fear claim; warns when the notice is shorter than the agreement's fearInterviewNoticeHours.");
        fact.MapPost("/decision", async (Guid factId, DecideFactRequest request, DecideFact decide, HttpContext http, CancellationToken ct) =>
                Answer<FactOutcome>.From(await decide.HandleAsync(factId, request, ApiResults.ViewerOf(http.User), ct)))
            .WithSummary("Decide a fact: a fear claim (positive, negative), a protection (granted, denied, terminated), a proceeding (decided, withdrawn). 409 once decided.");
    }

    private static CreatedAnswer<FactOutcome> Created(Result<FactOutcome> result) =>
        CreatedAnswer<FactOutcome>.From(result, outcome => $"/api/people/{outcome.Fact.PersonId}/facts");
}
