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
    // Per argument type, once: its text properties and their JSON names (none for anything but a request record).
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> TextProperties = new();

    public static RouteGroupBuilder CheckTypedText(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.AddEndpointFilter(async (context, next) =>
        {
            List<FieldError>? errors = null;
            foreach (var argument in context.Arguments)
            {
                foreach (var error in Refusals(argument))
                {
                    (errors ??= []).Add(error);
                }
            }
            return errors is not null ? ApiResults.Problem(new Invalid(errors)) : await next(context);
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
        if (argument is null)
        {
            return [];
        }
        var properties = TextProperties.GetOrAdd(argument.GetType(), TextPropertiesOf);
        return properties.Length == 0 ? []
            : properties.Select(p => (p.Name, Why: TextInput.Refuse((string?)p.Property.GetValue(argument))))
                .Where(r => r.Why is not null).Select(r => new FieldError(r.Name, r.Why!));
    }

    // Request records only (a record has a compiler-made clone method); services bound alongside are not input.
    private static (string, PropertyInfo)[] TextPropertiesOf(Type type) =>
        type.Namespace?.StartsWith("Custody", StringComparison.Ordinal) != true || type.GetMethod("<Clone>$") is null
            ? []
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0)
                .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p)).ToArray();

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
