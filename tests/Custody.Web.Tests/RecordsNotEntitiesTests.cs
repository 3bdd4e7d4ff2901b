using System.Reflection;
using Custody.Common;
using Custody.Persistence;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>
/// Use cases hand back records, never the EF entities behind the state tables (issue 10, point 6):
/// an entity is the projection's row, its shape follows the database, and a client or a page that
/// got it would read whatever the table grows next. Checked on every endpoint's declared results
/// and on every public command and query of the core that answers through <see cref="Result{T}"/>.
/// </summary>
public sealed class RecordsNotEntitiesTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private HashSet<Type> EntityTypes()
    {
        using var scope = factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<CustodyDbContext>().Model.GetEntityTypes().Select(e => e.ClrType).ToHashSet();
    }

    // The types a declared result carries: itself, what a list, array or dictionary holds, and the
    // types of its properties, all the way down (a record holding an entity leaks it all the same).
    private static IEnumerable<Type> Carried(Type type) => Carried(type, []);

    private static IEnumerable<Type> Carried(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            yield break;
        }
        yield return type;
        var inner = type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        if (type.Namespace?.StartsWith("Custody", StringComparison.Ordinal) == true)
        {
            inner = [.. inner, .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)];
        }
        foreach (var carried in inner.SelectMany(t => Carried(t, seen)))
        {
            yield return carried;
        }
    }

    [Fact]
    public void NoEndpoint_DeclaresAnEntityAsItsResult()
    {
        factory.Anonymous(); // builds the host
        var entities = EntityTypes();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var leaking = endpoints.SelectMany(e => e.Metadata.OfType<IProducesResponseTypeMetadata>()
                .Where(m => m.Type is not null && Carried(m.Type).Any(entities.Contains))
                .Select(m => $"{e.RoutePattern.RawText}: {m.Type!.Name}"))
            .Distinct().ToList();

        Assert.True(endpoints.Count > 100, $"only {endpoints.Count} endpoints found");
        Assert.True(leaking.Count == 0, "Endpoints declaring an entity:\n" + string.Join("\n", leaking));
    }

    [Fact]
    public void NoCoreUseCase_AnswersWithAnEntity()
    {
        var entities = EntityTypes();
        var methods = typeof(CustodyDbContext).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
            .Select(m => (Method: m, Answer: m.ReturnType.GetGenericArguments()[0]))
            .Where(m => m.Answer.IsGenericType && m.Answer.GetGenericTypeDefinition() == typeof(Result<>))
            .ToList();

        // The one exception, and why: a register screening's prepared working set (the agreement, class
        // orders and entered facts, read once) goes back into ScreenAsync and is never shown to anyone.
        var leaking = methods.Where(m => m.Answer.GetGenericArguments()[0] != typeof(Custody.Screening.ScreeningRun))
            .Where(m => Carried(m.Answer.GetGenericArguments()[0]).Any(entities.Contains))
            .Select(m => $"{m.Method.DeclaringType!.Name}.{m.Method.Name}: {m.Answer.GetGenericArguments()[0].Name}").ToList();

        Assert.True(methods.Count > 50, $"only {methods.Count} use cases found");
        Assert.True(leaking.Count == 0, "Use cases answering with an entity:\n" + string.Join("\n", leaking));
    }
}
