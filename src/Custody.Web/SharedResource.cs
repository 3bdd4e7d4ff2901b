namespace Custody.Web;

/// <summary>Marker for the shared UI strings: English text is the key, Resources/SharedResource.es.resx has Spanish.</summary>
public sealed class SharedResource;

/// <summary>The localizer as the plain text function that charts, PDFs and exports take.</summary>
public static class SharedResourceText
{
    public static Func<string, string> Words(this Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) => key => localizer[key].Value;
}
