using System.Globalization;
using Custody.Web.Infrastructure;

namespace Custody.Web.Tests;

/// <summary>Country and language codes read as names in the reader's language, from the platform's CLDR data.</summary>
public sealed class ReaderNamesTests
{
    private static string In(string reader, Func<string> name)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(reader);
            return name();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("es", "DE", "Alemania")]
    [InlineData("en", "DE", "Germany")]
    [InlineData("es", "US", "Estados Unidos")]
    [InlineData("en", "SV", "El Salvador")]
    public void Countries_InTheReadersLanguage(string reader, string code, string name) => Assert.Equal(name, In(reader, () => CountryNames.Of(code)));

    [Theory]
    [InlineData("sending-state")]
    [InlineData("none")]
    [InlineData("")]
    public void NotACountryCode_IsShownAsGiven(string text) => Assert.Equal(text, In("es", () => CountryNames.Of(text)));

    [Theory]
    [InlineData("en-US", "es", "Spanish")]
    [InlineData("es-SV", "es", "español")]
    [InlineData("es", "en", "inglés")]
    [InlineData("es", "ht", "criollo haitiano")]
    [InlineData("en", "ht", "Haitian Creole")]
    public void Languages_InTheReadersLanguage(string reader, string code, string name) => Assert.Equal(name, In(reader, () => LanguageNames.Of(code)));

    [Theory]
    [InlineData("")]
    [InlineData("not a language code at all, far too long to be one")]
    public void NotALanguageCode_IsShownAsGiven(string text) => Assert.Equal(text, In("es", () => LanguageNames.Of(text)));
}
