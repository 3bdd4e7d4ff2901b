using CsvHelper;

namespace Custody.Web.Reports;

/// <summary>
/// The settings of every CSV the app writes: a text cell that a spreadsheet would run as a formula
/// (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so a name or a
/// note typed by anyone opens as text (OWASP, CSV injection).
/// </summary>
public static class CsvExport
{
    public static CsvWriterOptions Options() => new() { Injection = CsvInjection.Escape };
}
