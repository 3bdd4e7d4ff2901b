namespace Custody.Web;

/// <summary>Marker for the shared UI strings: English text is the key, Resources/SharedResource.es.resx has Spanish.</summary>
public sealed class SharedResource;
