using System.Reflection;
using System.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Custody.Web.Infrastructure;

/// <summary>
/// The UI looks up both stable codes ("status", "kind" — from data) and English text ("Status",
/// "Kind" — from views). A .resx file cannot hold two names that differ only in case (the build
/// keeps the first), so lookups ignore case: either spelling finds the one translation.
/// </summary>
public sealed class CaseInsensitiveLocalizerFactory : ResourceManagerStringLocalizerFactory
{
    private readonly ResourceNamesCache _names = new();
    private readonly ILoggerFactory _loggers;

    public CaseInsensitiveLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggerFactory)
        : base(options, loggerFactory)
    {
        _loggers = loggerFactory;
    }

    protected override ResourceManagerStringLocalizer CreateResourceManagerStringLocalizer(Assembly assembly, string baseName) =>
        new(new ResourceManager(baseName, assembly) { IgnoreCase = true }, assembly, baseName, _names, _loggers.CreateLogger<ResourceManagerStringLocalizer>());
}
