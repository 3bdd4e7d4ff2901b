using System.Text;
using System.Text.Json;
using Custody.Imports;

namespace Custody.Core.Tests.Imports;

public sealed class StreamingJsonReaderTests
{
    // A stream that hands out a few bytes at a time, so that values straddle buffer refills.
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public void ReadValue_ArrayElementsAcrossRefills_ReadsEachWhole(int chunk)
    {
        var json = """{ "a": "x", "persons": [ {"id": "1", "l": ["es", "en"]}, {"id": "2", "n": {"k": [1, 2.5]}} , 3 ], "z": true }""";
        using var reader = new StreamingJsonReader(new TrickleStream(Encoding.UTF8.GetBytes(json), chunk));
        Assert.Equal(JsonTokenType.StartObject, reader.ReadToken().Type);
        Assert.Equal("a", reader.ReadToken().Text);
        Assert.Equal("x", reader.ReadValue().GetString());
        Assert.Equal("persons", reader.ReadToken().Text);
        Assert.Equal(JsonTokenType.StartArray, reader.ReadToken().Type);
        var ids = new List<string>();
        while (reader.PeekTokenType() != JsonTokenType.EndArray)
        {
            var element = reader.ReadValue();
            ids.Add(element.ValueKind == JsonValueKind.Object ? element.GetProperty("id").GetString()! : element.GetRawText());
        }
        reader.ReadToken();
        Assert.Equal(["1", "2", "3"], ids);
        Assert.Equal("z", reader.ReadToken().Text);
        reader.SkipValue();
        Assert.Equal(JsonTokenType.EndObject, reader.ReadToken().Type);
        reader.ReadEnd();
    }

    [Fact]
    public void ReadEnd_TrailingData_Throws()
    {
        using var reader = new StreamingJsonReader(new MemoryStream(Encoding.UTF8.GetBytes("{} {}")));
        reader.ReadToken();
        reader.ReadToken();
        Assert.ThrowsAny<JsonException>(reader.ReadEnd);
    }
}
