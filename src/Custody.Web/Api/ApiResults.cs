using System.Security.Claims;
using Custody.Access;
using Custody.Common;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>The one mapping of typed failures to RFC 9457 ProblemDetails, and of users to readers.</summary>
public static class ApiResults
{
    public static IResult Problem(Failure failure) => failure switch
    {
        Invalid invalid => TypedResults.ValidationProblem(
            invalid.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: invalid.Truncated ? $"Only the first {invalid.Errors.Count} errors are listed." : null,
            title: "The input is invalid; nothing was written."),
        NotFound notFound => TypedResults.Problem(notFound.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        Forbidden forbidden => TypedResults.Problem(forbidden.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        Conflict conflict => TypedResults.Problem(conflict.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        StateConflict state => TypedResults.Problem(state.Message, statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the current state",
            extensions: new Dictionary<string, object?> { ["state"] = state.CurrentState }),
        Custody.Transfers.PeopleBlocked people => TypedResults.Problem(people.Message, statusCode: StatusCodes.Status409Conflict, title: "Blocked by screening",
            extensions: new Dictionary<string, object?>
            {
                ["people"] = people.People.Select(p => new { p.PersonId, p.ExternalId, p.Decision.Reasons }).ToList(),
            }),
        Custody.Facilities.StandardsBreached breached => TypedResults.Problem(breached.Message, statusCode: StatusCodes.Status409Conflict, title: "Refused by the agreement's facility standards",
            extensions: new Dictionary<string, object?> { ["cell"] = breached.CellId, ["occupants"] = breached.Occupants, ["breaches"] = breached.Breaches }),
        Custody.Discipline.RulesBreached rules => TypedResults.Problem(rules.Message, statusCode: StatusCodes.Status409Conflict, title: "Refused under the Nelson Mandela Rules",
            extensions: new Dictionary<string, object?> { ["breaches"] = rules.Breaches }),
        Custody.Screening.Blocked blocked => TypedResults.Problem(blocked.Message, statusCode: StatusCodes.Status409Conflict, title: "Blocked by screening",
            extensions: new Dictionary<string, object?> { ["reasons"] = blocked.Decision.Reasons, ["decision"] = blocked.Decision }),
        // A failure type added without a mapping is a bug in this file, not the caller's fault.
        _ => throw new InvalidOperationException($"No HTTP mapping for the failure type {failure.GetType().Name}."),
    };

    /// <summary>
    /// An unhandled exception under /api: a 500 in ProblemDetails JSON, never an HTML page and never
    /// a 4xx. The exception's text stays in the server's log (it may name internals); the answer
    /// gives the trace id to quote.
    /// </summary>
    public static async Task WriteServerErrorAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The server failed; nothing was written.",
                Detail = "An unexpected error stopped the request and its transaction was rolled back. Quote the trace id when reporting it.",
            },
        });
    }

    /// <summary>Declares a file answer (a report, an export, a chart) in the OpenAPI document: binary content of these types.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType, params string[] more)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Produces<Stream>(StatusCodes.Status200OK, contentType, more);
    }

    public static IResult From<T>(Result<T> result) => result.Failure is { } failure ? Problem(failure) : TypedResults.Ok(result.Value);

    /// <summary>
    /// The reader as the access log records them. A user whose only people-reading role is counsel
    /// sees their own clients alone (the finance and administrator roles read no one).
    /// </summary>
    public static Viewer ViewerOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var email = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown";
        string[] readNoOne = [Roles.Counsel, Roles.SendingFinanceOfficer, Roles.ReceivingFinanceOfficer, Roles.Administrator];
        var counselOnly = user.IsInRole(Roles.Counsel) && !Roles.All.Except(readNoOne).Any(user.IsInRole);
        return new Viewer("user:" + email, counselOnly ? email : null, Roles.All.Where(user.IsInRole).ToList());
    }
}
