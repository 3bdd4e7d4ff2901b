using System.Text.Json;
using Custody.Imports;

namespace Custody.Core.Tests.Imports;

public sealed class SchemaTests
{
    private static readonly string SharedFormats = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/formats"));

    [Theory]
    [InlineData("case-bundle.schema.json")]
    [InlineData("agreement.schema.json")]
    [InlineData("sample.case-bundle.json")]
    [InlineData("us-sv-2025.agreement.json")]
    public void EmbeddedCopy_EqualsSharedFormats(string file)
    {
        var shared = Path.Combine(SharedFormats, file);
        var examples = Path.Combine(SharedFormats, "examples", file);
        var path = File.Exists(shared) ? shared : examples;
        if (!File.Exists(path))
        {
            Assert.Skip($"shared/formats is not beside this checkout ({SharedFormats}); nothing to compare with.");
        }
        Assert.Equal(File.ReadAllText(path), FormatSchemas.ReadEmbedded(file));
    }

    [Fact]
    public void SamplePeople_AreValidAgainstThePersonSchema()
    {
        using var bundle = JsonDocument.Parse(FormatSchemas.ReadEmbedded("sample.case-bundle.json"));
        foreach (var person in bundle.RootElement.GetProperty("persons").EnumerateArray())
        {
            Assert.Empty(FormatSchemas.Validate(FormatSchemas.Person, person));
        }
    }

    [Theory]
    [InlineData("""{"outcome": "negative", "country": "SV"}""", "decidedAt")]
    [InlineData("""{"outcome": "pending", "country": "sv"}""", "/country")]
    public void FearClaim_SchemaConditions_AreEnforced(string fearClaim, string expected)
    {
        var person = $$"""{"id":"x","names":{"given":"a","family":"b"},"dateOfBirth":"1990-01-01","countryOfBirth":"SV","nationalities":["SV"],"languages":["es"],"fearClaims":[{{fearClaim}}]}""";
        using var document = JsonDocument.Parse(person);

        var errors = FormatSchemas.Validate(FormatSchemas.Person, document.RootElement, "/persons/0").ToList();

        Assert.Contains(errors, e => e.Field.StartsWith("/persons/0/fearClaims/0", StringComparison.Ordinal) && (e.Field.EndsWith(expected, StringComparison.Ordinal) || e.Message.Contains(expected, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("2025-03-15T09:52:00Z", true)]
    [InlineData("2025-03-15T09:52:00-05:00", true)]
    [InlineData("2025-03-15 09:52", false)]
    [InlineData("2025-03-15", false)]
    public void IssuedAt_MustBeAnRfc3339Instant(string issuedAt, bool valid)
    {
        var person = $$"""{"id":"x","names":{"given":"a","family":"b"},"dateOfBirth":"1990-01-01","countryOfBirth":"SV","nationalities":["SV"],"languages":["es"],"courtOrders":[{"kind":"stay-of-removal","court":"c","issuedAt":"{{issuedAt}}","verified":true}]}""";
        using var document = JsonDocument.Parse(person);

        Assert.Equal(valid, !FormatSchemas.Validate(FormatSchemas.Person, document.RootElement).Any());
    }
}
