using System.Text.Json.Nodes;
using CsCheck;
using Custody.Ledger;

namespace Custody.Core.Tests.Ledger;

public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("""{ "b": 1, "a": [true, null, "x"] }""", """{"a":[true,null,"x"],"b":1}""")]
    [InlineData("""{"é": "Menjívar", "e": "<tag>&"}""", """{"e":"<tag>&","é":"Menjívar"}""")]
    [InlineData("""{"n": 5.40, "m": 5.0, "k": -0.5, "big": 12345678901234567890}""", """{"big":12345678901234567890,"k":-0.5,"m":5,"n":5.4}""")]
    [InlineData("""{"q": "line\nbreak \"quoted\" \u0001"}""", """{"q":"line\nbreak \"quoted\" \u0001"}""")]
    public void ToText_AnyLayout_GivesTheCanonicalForm(string input, string expected)
    {
        Assert.Equal(expected, CanonicalJson.ToText(JsonNode.Parse(input)));
    }

    [Fact]
    public void ToText_KeysSortedByUtf16CodeUnits_NotByCulture()
    {
        var text = CanonicalJson.ToText(JsonNode.Parse("""{"b": 0, "B": 0, "a": 0, "_": 0}"""));
        Assert.Equal("""{"B":0,"_":0,"a":0,"b":0}""", text);
    }

    [Fact]
    public void ToText_ReorderedObject_IsTheSame()
    {
        Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 8], Gen.Int).Sample(values =>
        {
            var forward = new JsonObject(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
            var backward = new JsonObject(values.Reverse().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
            Assert.Equal(CanonicalJson.ToText(forward), CanonicalJson.ToText(backward));
            Assert.Equal(CanonicalJson.ToText(forward), CanonicalJson.ToText(JsonNode.Parse(CanonicalJson.ToText(forward))));
        });
    }
}
