using Custody.Common;

namespace Custody.Core.Tests.Common;

public sealed class TextInputTests
{
    [Theory]
    [InlineData("Menjívar Cruz")]
    [InlineData("Line one\r\nline two\tand a tab")]
    [InlineData("محمد عبد الله")]
    [InlineData("\u200F")] // a right-to-left mark is ordinary in Arabic and Hebrew text, not an override
    [InlineData("")]
    public void OrdinaryText_Passes(string text) => Assert.Null(TextInput.Refuse(text));

    [Theory]
    [InlineData("\u0000", "U+0000")]
    [InlineData("bell\u0007", "U+0007")]
    [InlineData("\u007F", "U+007F")]
    [InlineData("abc\u202Edcba", "U+202E")]
    [InlineData("\u202A", "U+202A")]
    [InlineData("\u2066isolate\u2069", "U+2066")]
    [InlineData("\u2069", "U+2069")]
    public void ControlAndBidiOverrideCharacters_AreRefused_Named(string text, string named) =>
        Assert.Contains(named, TextInput.Refuse(text), StringComparison.Ordinal);
}
