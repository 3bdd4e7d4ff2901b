using System.Globalization;

namespace Custody.Web.Reports;

/// <summary>
/// The column names of the CSV and XLSX exports. In English they are the stable names the exports
/// have always had (camelCase, what a script reading the file matches on); a reader whose language
/// is Spanish gets them in Spanish through the same localizer as the pages. A test checks that
/// every name here has a Spanish entry.
/// </summary>
public static class ExportColumns
{
    public static readonly string[] Screening = ["person", "outcome", "reasons", "flags", "categories", "agreement", "version", "destination", "at"];

    public static readonly string[] Invoice = ["person", "version", "rate", "payableDays", "withheld", "amount"];

    // One shape for every row (RFC 4180): the first column says what the row is — a person, a count or a discrepancy.
    public static readonly string[] Reconciliation =
        ["row", "externalId", "givenName", "familyName", "role", "status", "statusReason", "identityCheckedAgainst", "screening", "alert", "dispatchedBy", "receivedBy", "receivedAt"];

    public static readonly string[] FacilityStatistics =
        ["agreement", "facility", "month", "transferred", "personNights", "peakAtMidnight", "released", "returned", "deaths", "incidents",
            "facilityCapacity", "findingsCritical", "findingsSerious", "findingsMinor", "checkpointSize", "checkpointRoot"];

    public static readonly string[] FeeStatistics = ["agreement", "month", "daysInvoiced", "daysPaid", "checkpointSize", "checkpointRoot"];

    /// <summary>The labels that mark a row's kind or a total in the exports, translated like the column names.</summary>
    public static readonly string[] RowLabels = ["person", "count", "discrepancy", "total", "invoice"];

    /// <summary>The names as the reader reads them: unchanged in English (the neutral resources would
    /// turn codes into display text), translated otherwise.</summary>
    public static string[] In(this string[] names, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(text);
        return IsEnglish ? names : [.. names.Select(text)];
    }

    /// <summary>One of <see cref="RowLabels"/> as the reader reads it.</summary>
    public static string Label(string name, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsEnglish ? name : text(name);
    }

    private static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" || CultureInfo.CurrentUICulture.Equals(CultureInfo.InvariantCulture);
}
