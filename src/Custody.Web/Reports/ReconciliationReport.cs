using System.Globalization;
using Custody.Common;
using Custody.Transfers;
using CsvHelper;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Custody.Web.Reports;

/// <summary>
/// A manifest's reconciliation as CSV and PDF: the counts (manifested, boarded, disembarked,
/// departed, arrived, handed over, discrepancies), one line per person, and every discrepancy.
/// </summary>
public static class ReconciliationReport
{
    public static async Task<byte[]> CsvAsync(ManifestView manifest, Func<string, string> text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new MemoryStream();
        await using (var csv = CsvWriter.Create(stream, CsvExport.Options(), leaveOpen: true))
        {
            await csv.WriteRecordAsync(ExportColumns.Reconciliation.In(text), cancellationToken);
            foreach (var row in Rows(manifest))
            {
                await csv.WriteRecordAsync(Pad([ExportColumns.Label("person", text), .. row]), cancellationToken);
            }
            foreach (var (name, value) in Counts(manifest))
            {
                await csv.WriteRecordAsync(Pad([ExportColumns.Label("count", text), name, value.ToString(CultureInfo.InvariantCulture)]), cancellationToken);
            }
            foreach (var d in manifest.Discrepancies)
            {
                await csv.WriteRecordAsync(Pad([ExportColumns.Label("discrepancy", text), d.Kind, d.PersonId?.ToString() ?? "", d.Note, d.RecordedBy, Instants.ToText(d.RecordedAt)]), cancellationToken);
            }
        }
        return stream.ToArray();
    }

    public static byte[] Pdf(ManifestView manifest, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(text);
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"{text("Reconciliation")} {manifest.Carrier} {manifest.Movement}";
        var title = new XFont(PdfFonts.Family, 14, XFontStyleEx.Bold);
        var bold = new XFont(PdfFonts.Family, 8, XFontStyleEx.Bold);
        var regular = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular);
        var page = document.AddPage();
        page.Orientation = PdfSharp.PageOrientation.Landscape;
        var gfx = XGraphics.FromPdfPage(page);
        double y = 40;
        void Line(string s, XFont font, double x = 40)
        {
            if (y > page.Height.Point - 40)
            {
                gfx.Dispose();
                page = document.AddPage();
                page.Orientation = PdfSharp.PageOrientation.Landscape;
                gfx = XGraphics.FromPdfPage(page);
                y = 40;
            }
            gfx.DrawString(s, font, XBrushes.Black, new XPoint(x, y));
        }
        Line($"{text("Reconciliation")} — {manifest.Carrier} {manifest.Movement} ({text(manifest.Status)})", title);
        y += 20;
        Line($"{text("Agreement")} {manifest.AgreementId}; {manifest.OriginFacilityId} → {manifest.DestinationFacilityId}; {text("scheduled")} {Instants.ToText(manifest.ScheduledDeparture)}; " +
            $"{text("departed")} {(manifest.DepartedAt is { } left ? Instants.ToText(left) : "—")}; {text("arrived")} {(manifest.ArrivedAt is { } a ? Instants.ToText(a) : "—")}", regular);
        y += 16;
        Line(string.Join("   ", Counts(manifest).Select(c => $"{text(c.Name)}: {c.Value}")), bold);
        y += 18;
        double[] columns = [40, 110, 230, 290, 360, 520, 620];
        string[] heads = [text("Record"), text("Name"), text("Role"), text("Status"), text("Reason"), text("Identity check"), text("Received by")];
        for (var i = 0; i < heads.Length; i++)
        {
            Line(heads[i], bold, columns[i]);
        }
        foreach (var p in manifest.People)
        {
            y += 12;
            string[] cells = [p.ExternalId, $"{p.GivenName} {p.FamilyName}", p.Role, p.Status, p.StatusReason ?? p.Alert ?? "", p.IdentityCheckedAgainst ?? "", p.ReceivedBy ?? ""];
            for (var i = 0; i < cells.Length; i++)
            {
                Line(Clip(cells[i], i == 4 ? 30 : 24), regular, columns[i]);
            }
        }
        y += 20;
        Line(text("Discrepancies"), bold);
        foreach (var d in manifest.Discrepancies)
        {
            y += 12;
            Line($"{Instants.ToText(d.RecordedAt)}  {d.Kind}  {d.Note}  ({d.RecordedBy})", regular);
        }
        if (manifest.Discrepancies.Count == 0)
        {
            y += 12;
            Line(text("None recorded."), regular);
        }
        gfx.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static string[] Pad(string[] fields) => [.. fields, .. Enumerable.Repeat("", ExportColumns.Reconciliation.Length - fields.Length)];

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static IEnumerable<string[]> Rows(ManifestView m) => m.People.Select(p => new[]
    {
        p.ExternalId, p.GivenName, p.FamilyName, p.Role, p.Status, p.StatusReason ?? "", p.IdentityCheckedAgainst ?? "",
        p.ScreeningOutcome is null ? "" : $"{p.ScreeningOutcome} {string.Join(' ', p.ScreeningReasons)}".Trim(), p.Alert ?? "",
        p.DispatchedBy ?? "", p.ReceivedBy ?? "", p.ReceivedAt is { } at ? Instants.ToText(at) : "",
    });

    private static (string Name, int Value)[] Counts(ManifestView m) =>
    [
        ("manifested", m.Counts.Manifested), ("boarded", m.Counts.Boarded), ("disembarked", m.Counts.Disembarked), ("departed", m.Counts.Departed),
        ("arrived", m.Counts.Arrived), ("handedOver", m.Counts.HandedOver), ("discrepancies", m.Counts.Discrepancies),
    ];
}
