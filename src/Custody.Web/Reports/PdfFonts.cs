using PdfSharp.Fonts;

namespace Custody.Web.Reports;

/// <summary>
/// PDFsharp needs the font files on Linux. DejaVu Sans (free licence, copy beside it) ships
/// inside the web assembly so a PDF renders on any machine, with the accents of Spanish names.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<PdfFonts> Instance = new(() => new PdfFonts());

    /// <summary>Installs the resolver once per process (PDFsharp's setting is global).</summary>
    public static void EnsureInstalled()
    {
        lock (Instance)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts)
            {
                GlobalFontSettings.FontResolver = Instance.Value;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Fonts/{faceName}.ttf")
            ?? throw new InvalidOperationException($"font {faceName} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
