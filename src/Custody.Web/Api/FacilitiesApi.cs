using Custody.Facilities;
using Custody.Locator;
using Custody.Notifications;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Custody.Web.Api;

/// <summary>Facilities, the public locator and the notification outbox.</summary>
public static class FacilitiesApi
{
    /// <summary>The rate-limit policy of the public locator (per client address).</summary>
    public const string LocatorRateLimit = "locator";

    /// <summary>Whether the caller (signed in by cookie or bearer token: the default scheme reads both) may read personal records.</summary>
    public static async Task<bool> MayReadPeopleAsync(HttpContext http, IAuthorizationService authorization)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authorization);
        return http.User.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(http.User, Policies.ReadPeople)).Succeeded;
    }

    public static void MapFacilitiesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/facilities", async (ReadRegister read, CancellationToken ct) => TypedResults.Ok(await read.FacilitiesAsync(ct)))
            .WithTags("Facilities").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Every facility of both states with its address, telephone and time zone.");
        api.MapPost("/facilities", async (RegisterFacilityRequest request, RegisterFacility register, HttpContext http, CancellationToken ct) =>
                Answer<FacilityView>.From(await register.HandleAsync(request, ApiResults.ViewerOf(http.User).Actor, ct)))
            .WithTags("Facilities").RequireAuthorization(Policies.ManageFacilities)
            .WithSummary("Register a facility, or correct the details of one (same id; its state never changes).");

        api.MapGet("/locator", async ([AsParameters] LocatorQuery query, FindInLocator locator, HttpContext http, IAuthorizationService authorization, CancellationToken ct) =>
                Answer<IReadOnlyList<LocatorResult>>.From(await locator.FindAsync(query, await MayReadPeopleAsync(http, authorization), ct)))
            .WithTags("Locator").AsPublicRead().RequireRateLimiting(LocatorRateLimit)
            .WithSummary("Public locator: identifier + countryOfBirth, or givenName + familyName + countryOfBirth. Exact match (case and accents ignored); never minors. " +
                "Shows custody status, custodian, facility name, address and telephone, and on whose behalf the person is held. Rate-limited (429 with Retry-After). " +
                "Signed-in counsel and courts also get personId, the key to the custody timeline (GET /api/people/{id}/custody).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/notifications", async (string? status, bool? overdue, ReadOutbox outbox, TimeProvider time, CancellationToken ct) =>
                TypedResults.Ok(await outbox.ListAsync(status, overdue == true, time.GetUtcNow().UtcDateTime, ct)))
            .WithTags("Notifications").RequireAuthorization(Policies.ReadNotifications)
            .WithSummary("The outbox: every notice with its recipient, language, deadline and delivery status; overdue=true lists those past their deadline and not delivered.");
    }
}
