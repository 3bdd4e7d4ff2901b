using System.Collections.Concurrent;
using System.Globalization;

namespace Custody.Web.Infrastructure;

/// <summary>
/// ISO 3166 codes shown as country names in the reader's language, from the platform's CLDR data
/// (ICU): the name ICU gives a locale of that language and region, e.g. "español (Alemania)". A code
/// ICU does not know is shown as the code.
/// </summary>
public static class CountryNames
{
    private static readonly ConcurrentDictionary<(string Language, string Code), string> Names = new();

    /// <summary>The country's name in the current UI language (English or Spanish); the code itself when unknown.</summary>
    public static string Of(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
        {
            return code ?? "";
        }
        return Names.GetOrAdd((LanguageNames.Reader, code), key =>
        {
            try
            {
                var name = new CultureInfo($"{key.Language}-{key.Code}").NativeName;
                var open = name.LastIndexOf('(');
                return open >= 0 && name.EndsWith(')') ? name[(open + 1)..^1] : key.Code;
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
