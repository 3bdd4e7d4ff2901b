using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Custody.Access;
using Custody.Persistence;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Infrastructure;

/// <summary>Marks an endpoint or page whose use case records its own, more specific, access entry (a person's file, a search), so the read filters do not record it twice.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class LogsOwnReadsAttribute : Attribute;

/// <summary>
/// Every read of personal data is ledgered, by construction: one endpoint filter on the API and one
/// page filter find the people in what a GET is about to show (any <c>PersonId</c> or <c>Person</c>
/// id, or the <c>Id</c> of a person's view, anywhere in the answer) and record one
/// <see cref="PeopleRead"/> entry per request, naming them, the view and the reader's roles, before
/// the answer is written. A file (CSV, XLSX, PDF) is walked through the view it was rendered from
/// (<see cref="FileAnswer.Shows"/>). A read that cannot be recorded is not shown (the request fails).
/// </summary>
public static class ReadLog
{
    public static RouteGroupBuilder LogReads(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            // Anonymous answers (the public locator, on the hot path) name nobody and are not walked.
            if (HttpMethods.IsGet(http.Request.Method) && http.User.Identity?.IsAuthenticated == true
                && http.GetEndpoint()?.Metadata.GetMetadata<LogsOwnReadsAttribute>() is null)
            {
                // Typed unions (Results<Ok<T>, …>) hold the answer one level down; a file, the view it was rendered from.
                var answer = result;
                while (answer is INestedHttpResult nested and not FileAnswer)
                {
                    answer = nested.Result;
                }
                if (answer is FileAnswer file)
                {
                    answer = file.Shows;
                }
                var shown = PeopleIn(answer is IValueHttpResult value ? value.Value : answer);
                var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
                // A person's own resources (/api/people/{id}/…) are about that person even when the answer does not name them.
                if (route.StartsWith("/api/people/{id", StringComparison.Ordinal) && http.Request.RouteValues["id"] is string id && Guid.TryParse(id, out var person))
                {
                    shown.Add(person);
                }
                await RecordAsync(http, "api " + route, shown);
            }
            return result;
        });
        return group;
    }

    /// <summary>The page filter: after the handler, before the page renders.</summary>
    public sealed class PageFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(next);
            var executed = await next();
            if (executed.Exception is null && executed.Result is null or PageResult && HttpMethods.IsGet(context.HttpContext.Request.Method)
                && context.HttpContext.User.Identity?.IsAuthenticated == true
                && context.HandlerInstance is PageModel model && !model.GetType().IsDefined(typeof(LogsOwnReadsAttribute), inherit: false))
            {
                var shown = new HashSet<Guid>();
                WalkProperties(model, Readable(model.GetType(), BindingFlags.DeclaredOnly), isPersonView: false, shown, 0);
                await RecordAsync(context.HttpContext, "page " + context.ActionDescriptor.ViewEnginePath, shown);
            }
        }
    }

    private static async Task RecordAsync(HttpContext http, string view, HashSet<Guid> shown)
    {
        if (shown.Count == 0)
        {
            return;
        }
        var viewer = ApiResults.ViewerOf(http.User);
        var services = http.RequestServices;
        await AccessLog.RecordAsync(services.GetRequiredService<CustodyDbContext>(), services.GetRequiredService<TimeProvider>(),
            new PeopleRead(view, [.. shown.Order()], viewer.Roles?.ToList()), viewer.Actor, http.RequestAborted);
    }

    /// <summary>The people an answer shows: ids found anywhere in it, as described on the class.</summary>
    public static HashSet<Guid> PeopleIn(object? answer)
    {
        var shown = new HashSet<Guid>();
        Walk(answer, shown, 0);
        return shown;
    }

    private static readonly ConcurrentDictionary<(Type, BindingFlags), PropertyInfo[]> Properties = new();

    private static PropertyInfo[] Readable(Type type, BindingFlags extra = BindingFlags.Default) =>
        Properties.GetOrAdd((type, extra), key => key.Item1.GetProperties(BindingFlags.Public | BindingFlags.Instance | key.Item2)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray());

    private static void Walk(object? value, HashSet<Guid> shown, int depth)
    {
        if (value is null or string || depth > 8)
        {
            return;
        }
        if (value is IEnumerable items and not System.Text.Json.Nodes.JsonNode)
        {
            foreach (var item in items)
            {
                Walk(item, shown, depth + 1);
            }
            return;
        }
        var type = value.GetType();
        // Only Custody's own records and views carry people; framework and primitive values are skipped.
        if (type.Namespace?.StartsWith("Custody", StringComparison.Ordinal) != true || type.IsEnum)
        {
            return;
        }
        WalkProperties(value, Readable(type), type.Name.Contains("Person", StringComparison.Ordinal), shown, depth);
    }

    private static void WalkProperties(object value, PropertyInfo[] properties, bool isPersonView, HashSet<Guid> shown, int depth)
    {
        foreach (var property in properties)
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType == typeof(Guid))
            {
                var isPerson = property.Name is "PersonId" or "Person" || (property.Name == "Id" && isPersonView);
                if (isPerson && property.GetValue(value) is Guid id)
                {
                    shown.Add(id);
                }
            }
            else if (!propertyType.IsPrimitive && propertyType != typeof(string) && propertyType != typeof(decimal) && propertyType != typeof(DateTime) && propertyType != typeof(DateOnly))
            {
                Walk(property.GetValue(value), shown, depth + 1);
            }
        }
    }
}
