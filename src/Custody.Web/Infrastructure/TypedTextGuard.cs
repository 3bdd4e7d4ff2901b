using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Custody.Common;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Custody.Web.Infrastructure;

/// <summary>
/// Every text field a user types, checked in one place per front door (<see cref="TextInput"/>):
/// the API's request records and parameters (an endpoint filter on the /api group), and every
/// posted form field of a page (a page filter). A refusal is a 400 naming each field; nothing runs.
/// </summary>
public static class TypedTextGuard
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> TextProperties = new();

    public static RouteGroupBuilder CheckTypedText(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.AddEndpointFilter(async (context, next) =>
        {
            var errors = context.Arguments.SelectMany(Refusals).ToList();
            return errors.Count > 0 ? ApiResults.Problem(new Invalid(errors)) : await next(context);
        });
        return api;
    }

    // A request record's text properties (camelCase, as the JSON names them), or a text parameter itself.
    private static IEnumerable<FieldError> Refusals(object? argument)
    {
        if (argument is string text)
        {
            return TextInput.Refuse(text) is { } why ? [new FieldError("", why)] : [];
        }
        // Request records only (a record has a compiler-made clone method); services bound alongside are not input.
        if (argument is null || argument.GetType().Namespace?.StartsWith("Custody", StringComparison.Ordinal) != true || argument.GetType().GetMethod("<Clone>$") is null)
        {
            return [];
        }
        return TextProperties.GetOrAdd(argument.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0).ToArray())
            .Select(p => (Name: JsonNamingPolicy.CamelCase.ConvertName(p.Name), Why: TextInput.Refuse((string?)p.GetValue(argument))))
            .Where(r => r.Why is not null).Select(r => new FieldError(r.Name, r.Why!));
    }

    /// <summary>The pages' half: any posted form field, named as the form names it.</summary>
    public sealed class PageFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(next);
            var request = context.HttpContext.Request;
            if (request.HasFormContentType)
            {
                var refused = (await request.ReadFormAsync()).Where(f => f.Key != "__RequestVerificationToken")
                    .SelectMany(f => f.Value.Select(v => (Field: f.Key, Why: TextInput.Refuse(v)))).Where(r => r.Why is not null).ToList();
                if (refused.Count > 0)
                {
                    context.Result = new Microsoft.AspNetCore.Mvc.BadRequestObjectResult(string.Join("\n", refused.Select(r => $"{r.Field}: {r.Why}")));
                    return;
                }
            }
            await next();
        }
    }
}
