using System.Text.Json.Nodes;
using Custody.Ledger;

namespace Custody.Core.Tests.Ledger;

public sealed class LedgerContentTests
{
    private static LedgerContent Sample() => new(
        42,
        new DateTime(2025, 3, 15, 9, 52, 0, DateTimeKind.Utc),
        new DateTime(2025, 3, 15, 10, 45, 0, 123456 / 1000, DateTimeKind.Utc).AddTicks(4560),
        "user:legal-reviewer@example",
        Custody.People.PersonUpdated.EntryKind,
        "person:0195a1c2-0000-7000-8000-000000000001",
        new JsonObject { ["id"] = "p", ["set"] = new JsonObject { ["courtOrders"] = new JsonArray() }, ["removed"] = new JsonArray() },
        Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void ToCanonicalBytes_ParseThenWriteAgain_GivesTheSameBytes()
    {
        var bytes = Sample().ToCanonicalBytes();

        Assert.Equal(bytes, LedgerContent.Parse(bytes).ToCanonicalBytes());
    }

    [Fact]
    public void ToCanonicalBytes_FixedFieldsAndMicroseconds_AreStable()
    {
        var text = System.Text.Encoding.UTF8.GetString(Sample().ToCanonicalBytes());

        Assert.StartsWith("""{"actor":"user:legal-reviewer@example","kind":"person.updated","occurredAt":"2025-03-15T09:52:00.000000Z",""", text, StringComparison.Ordinal);
        Assert.Contains("\"recordedAt\":\"2025-03-15T10:45:00.123456Z\"", text, StringComparison.Ordinal);
        Assert.Contains("\"salt\":\"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\"seq\":42,\"subject\":\"person:0195a1c2-0000-7000-8000-000000000001\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotAnEntry_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => LedgerContent.Parse("{\"seq\":1}"u8.ToArray()));
        Assert.Throws<FormatException>(() => LedgerContent.Parse("not json"u8.ToArray()));
    }
}
