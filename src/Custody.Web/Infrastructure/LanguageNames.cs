using System.Collections.Concurrent;
using System.Globalization;

namespace Custody.Web.Infrastructure;

/// <summary>
/// BCP 47 language codes shown as names in the reader's language, from the platform's CLDR data
/// (ICU names a culture in the current UI language: "es" is "Spanish" to an English reader and
/// "español" to a Spanish one). A code ICU does not know is shown as the code.
/// </summary>
public static class LanguageNames
{
    private static readonly ConcurrentDictionary<(string Reader, string Code), string> Names = new();

    /// <summary>The reader's language among the two the service speaks: Spanish, else English.</summary>
    public static string Reader => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es" ? "es" : "en";

    public static string Of(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 35)
        {
            return code ?? "";
        }
        return Names.GetOrAdd((Reader, code), key =>
        {
            try
            {
                return CultureInfo.GetCultureInfo(key.Code).DisplayName;
            }
            catch (CultureNotFoundException)
            {
                return key.Code;
            }
        });
    }

    /// <summary>Several codes, as names.</summary>
    public static string Of(IEnumerable<string> codes) => string.Join(", ", codes.Select(Of));
}
