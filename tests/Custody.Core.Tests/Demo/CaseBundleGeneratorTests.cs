using System.Text.Json;
using Custody.Demo;
using Custody.Imports;
using Custody.People;

namespace Custody.Core.Tests.Demo;

public sealed class CaseBundleGeneratorTests
{
    [Fact]
    public void Write_DemoBundle_IsValidAndCoversEveryKindOfFact()
    {
        using var stream = new MemoryStream();
        new CaseBundleGenerator().Write(stream, 45, "DEMO", includeSample: true);
        using var bundle = JsonDocument.Parse(stream.ToArray());

        var persons = bundle.RootElement.GetProperty("persons").EnumerateArray().ToList();
        Assert.Equal(50, persons.Count);
        Assert.Empty(FormatSchemas.Validate(FormatSchemas.CaseBundle, bundle.RootElement));
        foreach (var kind in Person.FactKindNames)
        {
            Assert.Contains(persons, p => p.TryGetProperty(kind, out var fact) && (fact.ValueKind != JsonValueKind.Array || fact.GetArrayLength() > 0));
        }
        Assert.Equal(persons.Count, persons.Select(p => p.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public void Write_SameSeed_GivesTheSameBytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        new CaseBundleGenerator(7).Write(first, 200);
        new CaseBundleGenerator(7).Write(second, 200);

        Assert.Equal(first.ToArray(), second.ToArray());
    }
}
