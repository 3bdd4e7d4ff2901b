using Custody.Common;
using Custody.InformationRequests;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>Relatives' and counsel's requests for art. 18 information: filed without an account, followed through a secret link, answered by the custodian.</summary>
public static class InformationRequestsApi
{
    public static void MapInformationRequestsApi(this IEndpointRouteBuilder api)
    {
        var requests = api.MapGroup("/information-requests").WithTags("Information requests");
        requests.MapPost("/", async (FileInformationRequest request, AskForInformation ask, HttpContext http, CancellationToken ct) =>
            {
                var viewer = http.User.Identity?.IsAuthenticated == true ? ApiResults.ViewerOf(http.User) : new Custody.Access.Viewer("anonymous");
                return CreatedAnswer<FiledInformationRequest>.From(await ask.HandleAsync(request, viewer, ct), filed => filed.StatusPath);
            })
            .AllowAnonymous().RequireRateLimiting(FacilitiesApi.LocatorRateLimit)
            .WithSummary("File a request for a person's art. 18 information (no account needed): who asks, relationship, contact, language, and the locator's keys of the person. " +
                "The answer never says whether the person exists; keep the status link, it is shown once. Counsel of record signed in get their client's information at once.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        requests.MapGet("/status/{token}", async (string token, ReadInformationRequests read, CancellationToken ct) =>
                Found<InformationRequestView>.From(await read.StatusAsync(token, ct)))
            .AllowAnonymous().RequireRateLimiting(FacilitiesApi.LocatorRateLimit)
            .WithSummary("A request's status and answer, through its secret link; 404 for a wrong or expired link.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        requests.MapGet("/", async (bool? overdue, ReadInformationRequests read, CancellationToken ct) => TypedResults.Ok(await read.ListOpenAsync(overdue == true, ct)))
            .RequireAuthorization(Policies.ReadInformationRequests)
            .WithSummary("Open requests, overdue first (or only the overdue ones): for the custodian's staff, inspectors and courts.");
        requests.MapPost("/{id:guid}/answer", async (Guid id, AnswerInformationRequest answer, HttpContext http, CancellationToken ct) =>
                Answer<InformationRequestView>.From(await answer.HandleAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.KeepRegister)
            .WithSummary("Answer from the register as it stands: the art. 18 subset, or the restriction and its ground (409 once answered).");
    }
}
