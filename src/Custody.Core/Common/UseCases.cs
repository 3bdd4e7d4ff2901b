using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Common;

/// <summary>
/// A use case: one file under its feature folder holding its request record and this handler.
/// Every path (API, page, CLI, import, demo seed) runs the same handler.
/// </summary>
public interface IUseCase;

public static class UseCaseRegistration
{
    /// <summary>Registers every use case of the core, scoped like the database context it works in: a new one is found, never forgotten.</summary>
    public static IServiceCollection AddCustodyUseCases(this IServiceCollection services)
    {
        foreach (var type in All)
        {
            services.AddScoped(type);
        }
        return services;
    }

    /// <summary>The use cases found.</summary>
    public static IReadOnlyList<Type> All { get; } = typeof(IUseCase).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IUseCase))).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
}
