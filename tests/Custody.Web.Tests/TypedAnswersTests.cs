using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>
/// Every /api endpoint declares what it returns by its type (typed results, whose metadata the
/// OpenAPI document is built from), never a bare IResult that could be anything.
/// </summary>
public sealed class TypedAnswersTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public void EveryApiEndpoint_DeclaresATypedAnswer()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true).ToList();

        var untyped = endpoints
            .Select(e => (Route: $"{string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}",
                Returns: Unwrapped(e.Metadata.OfType<MethodInfo>().First().ReturnType)))
            .Where(e => e.Returns == typeof(IResult) || e.Returns == typeof(void) || e.Returns == typeof(object))
            .Select(e => e.Route).ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(untyped.Count == 0, "Endpoints returning a bare IResult: " + string.Join("; ", untyped));
    }

    private static Type Unwrapped(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type == typeof(Task) || type == typeof(ValueTask) ? typeof(void) : type;
}
