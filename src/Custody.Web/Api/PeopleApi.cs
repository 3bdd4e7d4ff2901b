using Custody.Persistence;
using Custody.Access;
using Custody.People;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>The register of people: search, one person, one person's ledger history. Every read is logged.</summary>
public static class PeopleApi
{
    public static void MapPeopleApi(this IEndpointRouteBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People").RequireAuthorization(Policies.ReadPeople);
        people.MapGet("/", async (SearchPeople search, HttpContext http, string? q, string? nationality, string? countryOfBirth, string? fact, int? page, int? pageSize, CancellationToken ct) =>
                Answer<PeoplePage>.From(await search.RunAsync(new PeopleQuery(q, nationality, countryOfBirth, fact, page ?? 1, pageSize ?? 50), ApiResults.ViewerOf(http.User), ct)))
            .WithMetadata(new Infrastructure.LogsOwnReadsAttribute())
            .WithSummary("Search people by name, alias or identifier, filtered by nationality, country of birth or kind of legal fact.");
        people.MapGet("/{id:guid}/reads", async (Guid id, CustodyDbContext db, HttpContext http, int? limit, CancellationToken ct) =>
                Found<IReadOnlyList<PersonReadView>>.From(await PersonReads.OfAsync(db, id, ApiResults.ViewerOf(http.User), limit ?? 200, ct)))
            .WithMetadata(new Infrastructure.LogsOwnReadsAttribute())
            .WithSummary("Who read the person's record, newest first: when, through which view, with which roles; counsel see the roles, not the reader.");
        people.MapGet("/{id:guid}", async (Guid id, GetPerson get, HttpContext http, CancellationToken ct) =>
                Found<PersonDetail>.From(await get.RunAsync(id, ApiResults.ViewerOf(http.User), "api", ct)))
            .WithMetadata(new Infrastructure.LogsOwnReadsAttribute())
            .WithSummary("One person with every legal fact on record.");
        people.MapGet("/{id:guid}/history", async (Guid id, GetPerson get, HttpContext http, CancellationToken ct) =>
                Found<IReadOnlyList<PersonHistoryEntry>>.From(await get.HistoryAsync(id, ApiResults.ViewerOf(http.User), ct)))
            .WithSummary("The ledger entries about one person: registration, each change with what it changed, and each read.");
    }
}
