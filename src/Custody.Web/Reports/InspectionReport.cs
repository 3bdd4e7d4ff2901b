using System.Text.Json;
using Custody.Common;
using Custody.Facilities;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Custody.Web.Reports;

/// <summary>An inspection as a PDF: where and when, who, what was measured, the findings with their severity, and the follow-up actions.</summary>
public static class InspectionReport
{
    public static byte[] Pdf(InspectionView inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Inspection {inspection.CellId} {Instants.ToText(inspection.InspectedAt)}";
        var page = document.AddPage();
        var gfx = XGraphics.FromPdfPage(page);
        var title = new XFont(PdfFonts.Family, 14, XFontStyleEx.Bold);
        var bold = new XFont(PdfFonts.Family, 9, XFontStyleEx.Bold);
        var text = new XFont(PdfFonts.Family, 9, XFontStyleEx.Regular);
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
        Line($"Inspection report — {inspection.CellId}", title, step: 22);
        Line($"{inspection.FacilityId} · {Instants.ToText(inspection.InspectedAt)} · {inspection.Inspector}", text, step: 20);
        Line("Measured", bold);
        foreach (var property in inspection.Measurements.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
        {
            Line($"{property.Name}: {property.Value}", text, 60);
        }
        y += 8;
        Line($"Findings ({inspection.Findings.Count})", bold);
        foreach (var f in inspection.Findings)
        {
            Line($"[{f.Severity}] {f.Item}: {f.Measured} — required {f.Required}", text, 60);
        }
        if (inspection.Findings.Count == 0)
        {
            Line("None: every measured value meets the standards.", text, 60);
        }
        y += 8;
        Line("Follow-up actions", bold);
        foreach (var a in inspection.Actions)
        {
            Line($"{a.Deadline:yyyy-MM-dd} · {a.Owner} · {a.Description}{(a.CompletedAt is { } done ? $" — done {Instants.ToText(done)}" : "")}", text, 60);
        }
        gfx.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
