using Custody.Common;
using Custody.Facilities;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Custody.Web.Reports;

/// <summary>
/// The art. 18 information as a PDF for relatives and counsel, in the reader's language: the
/// custodian and authority, where the person is and since when, the custody timeline's dates and
/// places, health at admission, the last welfare check, release or death — or the restriction.
/// </summary>
public static class Article18Report
{
    public static byte[] Pdf(Article18Information info, Func<string, string> text, DateTime producedAt)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(text);
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"{text("Information for relatives and counsel")}: {info.GivenName} {info.FamilyName}";
        var page = document.AddPage();
        var gfx = XGraphics.FromPdfPage(page);
        var title = new XFont(PdfFonts.Family, 14, XFontStyleEx.Bold);
        var bold = new XFont(PdfFonts.Family, 9, XFontStyleEx.Bold);
        var regular = new XFont(PdfFonts.Family, 9, XFontStyleEx.Regular);
        double y = 50;
        void Line(string s, XFont font, double x = 50, double step = 14)
        {
            if (y > page.Height.Point - 50)
            {
                gfx.Dispose();
                page = document.AddPage();
                gfx = XGraphics.FromPdfPage(page);
                y = 50;
            }
            gfx.DrawString(s, font, XBrushes.Black, new XPoint(x, y));
            y += step;
        }
        void Field(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                Line(text(label), bold, step: 12);
                Line(value, regular, 60, 16);
            }
        }
        Line(document.Info.Title, title, step: 24);
        if (info.Restricted)
        {
            Line(text("Restricted"), bold);
            foreach (var r in info.Restrictions)
            {
                Line($"{r.Ground} · {text("Imposed by")} {r.Authority} · {text("Review by")} {r.ReviewBy:yyyy-MM-dd}", regular, 60);
            }
        }
        else
        {
            Field("Custodian", info.HeldOnBehalfOf is null ? info.Custodian : $"{info.Custodian} ({text("Held on behalf of")} {info.HeldOnBehalfOf})");
            Field("Legal authority", info.LegalAuthority);
            Field("Whereabouts", info.Whereabouts);
            Field("Health at admission", info.HealthAtAdmission);
            Field("Last welfare check", info.LastWelfareCheck is { } seen ? $"{Instants.ToText(seen)} {info.LastWelfareCondition}" : null);
            Field("Release", info.Release);
            Field("Death", info.Death);
            Line(text("Custody timeline"), bold, step: 14);
            foreach (var r in info.DatesAndPlaces)
            {
                Line($"{Instants.ToText(r.OccurredAt)} · {text(r.Event)} · {r.Custodian} · {r.FacilityName ?? text(r.PlaceKind)}", regular, 60);
            }
        }
        y += 10;
        Line($"{text("Produced")} {Instants.ToText(producedAt)}", regular);
        gfx.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
