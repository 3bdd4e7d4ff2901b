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
        person.MapGet("/facts", async (Guid id, FactCommands facts, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await facts.ListAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("The legal facts recorded in Custody for a person (the bundle's own are among the person's facts).")
            .Produces<IReadOnlyList<EnteredFactView>>().ProducesProblem(StatusCodes.Status404NotFound);
        person.MapPost("/fear-claims", async (Guid id, RaiseFearClaimRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                Created(await facts.RaiseFearClaimAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Raise a fear claim for a country (pending: it blocks removal there at once).")
            .Produces<FactOutcome>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/notices", async (Guid id, RecordNoticeRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                Created(await facts.RecordNoticeAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Record the service of a notice (default kind third-country-removal). Refused in a language the person does not speak; warns when counsel of record was not served.")
            .Produces<FactOutcome>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/protections", async (Guid id, ReportProtectionRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                Created(await facts.ReportProtectionAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Report a protection (pending claim or granted) and the countries it covers (none: every country).")
            .Produces<FactOutcome>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/proceedings", async (Guid id, ReportProceedingRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                Created(await facts.ReportProceedingAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Report a pending proceeding (habeas, appeal, motion to reopen).")
            .Produces<FactOutcome>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        person.MapPost("/citizenship-claims", async (Guid id, CitizenshipClaimRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                Created(await facts.AssertCitizenshipClaimAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.RecordFacts)
            .WithSummary("Record a claim to citizenship of a country (asserted; a claim to the sending state's blocks until resolved).")
            .Produces<FactOutcome>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/citizenship-claims/resolve", async (Guid id, CitizenshipClaimRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                Created(await facts.ResolveCitizenshipClaimAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.DecideFacts)
            .WithSummary("Resolve an asserted citizenship claim as verified or rejected; supersedes the bundle's claims for that country.")
            .Produces<FactOutcome>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        person.MapGet("/designations", async (Guid id, FactCommands facts, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await facts.DesignationsAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReadPeople)
            .WithSummary("Each gang designation as screening sees it: validated or not, and what it lacks.")
            .Produces<IReadOnlyList<DesignationStatus>>().ProducesProblem(StatusCodes.Status404NotFound);
        person.MapPost("/designations/evidence", async (Guid id, DesignationEvidenceRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                Created(await facts.AddDesignationEvidenceAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReviewDesignations)
            .WithSummary("Add evidence to a designation (tattoos, clothing and the like corroborate; only a gang-offence conviction or a court finding validates).")
            .Produces<FactOutcome>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        person.MapPost("/designations/review", async (Guid id, DesignationReviewRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                Created(await facts.ReviewDesignationAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.ReviewDesignations)
            .WithSummary("Review a designation as the signed-in user; 409 if this user already did (a second review is someone else's).")
            .Produces<FactOutcome>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var fact = api.MapGroup("/facts/{factId:guid}").WithTags("Legal facts").RequireAuthorization(Policies.DecideFacts);
        fact.MapPost("/interview", async (Guid factId, ScheduleInterviewRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await facts.ScheduleInterviewAsync(factId, request, ApiResults.ViewerOf(http.User), ct)))
            .WithSummary("Schedule the interview of a pending fear claim; warns when the notice is shorter than the agreement's fearInterviewNoticeHours.")
            .Produces<FactOutcome>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        fact.MapPost("/decision", async (Guid factId, DecideFactRequest request, FactCommands facts, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await facts.DecideAsync(factId, request, ApiResults.ViewerOf(http.User), ct)))
            .WithSummary("Decide a fact: a fear claim (positive, negative), a protection (granted, denied, terminated), a proceeding (decided, withdrawn). 409 once decided.")
            .Produces<FactOutcome>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static IResult Created(Result<FactOutcome> result) =>
        result.Value is { } outcome ? TypedResults.Created($"/api/people/{outcome.Fact.PersonId}/facts", outcome) : ApiResults.Problem(result.Failure!);
}
