using System.Globalization;
using Custody.Web.Infrastructure;

namespace Custody.Web.Tests;

/// <summary>Country codes read as names in the reader's language (issue 12, point 7), from the platform's CLDR data.</summary>
public sealed class CountryNamesTests
{
    private static string In(string language, string code)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(language);
            return CountryNames.Of(code);
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
    public void Names_InTheReadersLanguage(string language, string code, string name) => Assert.Equal(name, In(language, code));

    [Theory]
    [InlineData("sending-state")]
    [InlineData("none")]
    [InlineData("")]
    public void NotACode_IsShownAsGiven(string text) => Assert.Equal(text, In("es", text));
}
