using System.Globalization;
using Custody.Web.Infrastructure;

namespace Custody.Web.Tests;

/// <summary>Language codes read as names in the reader's language, from the platform's CLDR data.</summary>
public sealed class LanguageNamesTests
{
    private static string In(string reader, string code)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(reader);
            return LanguageNames.Of(code);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("en-US", "es", "Spanish")]
    [InlineData("es-SV", "es", "español")]
    [InlineData("es", "en", "inglés")]
    [InlineData("es", "ht", "criollo haitiano")]
    [InlineData("en", "ht", "Haitian Creole")]
    public void Names_InTheReadersLanguage(string reader, string code, string name) => Assert.Equal(name, In(reader, code));

    [Theory]
    [InlineData("")]
    [InlineData("not a language code at all, far too long to be one")]
    public void NotACode_IsShownAsGiven(string text) => Assert.Equal(text, In("es", text));
}
