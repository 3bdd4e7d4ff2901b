using System.Globalization;
using System.Text.Json.Nodes;
using Custody.Billing;
using CsvHelper;
using MiniExcelLibs;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Custody.Web.Reports;

/// <summary>
/// An invoice (a draft, or an issued one as issued) as CSV, XLSX and PDF. Amounts are written from
/// the exact decimals as text in invariant form, never through a binary floating-point number.
/// </summary>
public static class InvoiceExport
{
    /// <summary>One line; <see cref="Currency"/> is that of the agreement version in force on its days.</summary>
    public sealed record Row(string ExternalId, int Version, string Rate, int PayableDays, string Withheld, string Amount, string Currency, string WelfareChecks);

    public sealed record Sheet(string Title, string Currency, string Total, int PayableDays, IReadOnlyDictionary<string, int> WithheldByReason, IReadOnlyList<Row> Rows);

    public static Sheet Of(InvoiceDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new($"{draft.AgreementId} {draft.Month} (draft)", draft.Currency, Money(draft.Total), draft.PayableDays, draft.WithheldByReason,
            draft.Lines.Select(l => new Row(l.ExternalId, l.Version, Money(l.Rate), l.PayableDays, Withheld(l.WithheldDays), Money(l.Amount), l.Currency,
                string.Join(' ', l.WelfareChecks))).ToList());
    }

    public static Sheet Of(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var document = JsonNode.Parse(invoice.Document)!;
        var rows = document["lines"]!.AsArray().Select(l => new Row(l!["externalId"]!.GetValue<string>(), l["version"]!.GetValue<int>(), l["rate"]!.GetValue<string>(),
            l["payableDays"]!.GetValue<int>(), Withheld(l["withheldDays"]!.AsObject().ToDictionary(w => w.Key, w => w.Value!.GetValue<int>())), l["amount"]!.GetValue<string>(),
            l["currency"]?.GetValue<string>() ?? invoice.Currency, string.Join(' ', (l["welfareChecks"] as JsonArray ?? []).Select(c => c!.GetValue<string>())))).ToList();
        var byReason = document["withheldByReason"]!.AsObject().ToDictionary(w => w.Key, w => w.Value!.GetValue<int>());
        return new($"{invoice.Number}", invoice.Currency, Money(invoice.Total), invoice.PayableDays, byReason, rows);
    }

    public static async Task<byte[]> CsvAsync(Sheet sheet, Func<string, string> text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new MemoryStream();
        await using (var csv = CsvWriter.Create(stream, CsvExport.Options(), leaveOpen: true))
        {
            await csv.WriteRecordAsync(ExportColumns.Invoice.In(text), cancellationToken);
            foreach (var r in sheet.Rows)
            {
                await csv.WriteRecordAsync([r.ExternalId, r.Version.ToString(CultureInfo.InvariantCulture), r.Rate, r.PayableDays.ToString(CultureInfo.InvariantCulture), r.Withheld, r.Amount], cancellationToken);
            }
            await csv.WriteRecordAsync([ExportColumns.Label("total", text), "", "", sheet.PayableDays.ToString(CultureInfo.InvariantCulture), Withheld(sheet.WithheldByReason), sheet.Total], cancellationToken);
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx(Sheet sheet, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(text);
        var columns = ExportColumns.Invoice.In(text);
        // The header row is the dictionaries' keys, in the order of the columns.
        Dictionary<string, object> Line(params object[] cells) => columns.Zip(cells).ToDictionary(c => c.First, c => c.Second);
        var rows = sheet.Rows.Select(r => Line(r.ExternalId, r.Version, r.Rate, r.PayableDays, r.Withheld, r.Amount))
            .Append(Line(ExportColumns.Label("total", text), "", sheet.Currency, sheet.PayableDays, Withheld(sheet.WithheldByReason), sheet.Total)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: ExportColumns.Label("invoice", text), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static byte[] Pdf(Sheet sheet, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(text);
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"{text("Invoice")} {sheet.Title}";
        var page = document.AddPage();
        var gfx = XGraphics.FromPdfPage(page);
        var title = new XFont(PdfFonts.Family, 14, XFontStyleEx.Bold);
        var bold = new XFont(PdfFonts.Family, 8, XFontStyleEx.Bold);
        var regular = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular);
        double y = 50;
        double[] x = [50, 150, 190, 250, 310, 500];
        void Row(string[] cells, XFont font)
        {
            if (y > page.Height.Point - 50)
            {
                gfx.Dispose();
                page = document.AddPage();
                gfx = XGraphics.FromPdfPage(page);
                y = 50;
            }
            for (var i = 0; i < cells.Length; i++)
            {
                gfx.DrawString(cells[i], font, XBrushes.Black, new XPoint(x[i], y));
            }
            y += 12;
        }
        gfx.DrawString(document.Info.Title, title, XBrushes.Black, new XPoint(50, y));
        y += 22;
        Row([text("Person"), text("Version"), text("Rate"), text("Payable days"), text("Withheld"), $"{text("Amount")} ({sheet.Currency})"], bold);
        foreach (var r in sheet.Rows)
        {
            Row([r.ExternalId, r.Version.ToString(CultureInfo.InvariantCulture), r.Rate, r.PayableDays.ToString(CultureInfo.InvariantCulture), r.Withheld,
                r.Currency == sheet.Currency ? r.Amount : $"{r.Amount} {r.Currency}"], regular);
        }
        y += 6;
        Row([text("Total"), "", "", sheet.PayableDays.ToString(CultureInfo.InvariantCulture), Withheld(sheet.WithheldByReason), sheet.Total], bold);
        gfx.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Withheld(IReadOnlyDictionary<string, int> byReason) => string.Join("; ", byReason.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key} {w.Value}"));
}
