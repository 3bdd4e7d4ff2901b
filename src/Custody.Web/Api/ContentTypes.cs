namespace Custody.Web.Api;

/// <summary>The text formats the service answers in, each saying its encoding (ASVS 4.1.1): a reader guessing Latin-1 would garble "Versión".</summary>
public static class ContentTypes
{
    public const string Csv = "text/csv; charset=utf-8";

    public const string Svg = "image/svg+xml; charset=utf-8";

    public const string PlainText = "text/plain; charset=utf-8";
}
