using System.Text.Json.Nodes;
using Custody.Imports;
using Custody.Screening;

namespace Custody.Core.Tests.Screening;

/// <summary>The model agreement, the sample people, and an eligible person to add facts to.</summary>
internal static class ScreeningFixtures
{
    public static readonly DateTimeOffset SampleInstant = new(2025, 3, 20, 12, 0, 0, TimeSpan.Zero);

    public static readonly AgreementTerms ModelAgreement = AgreementTerms.Parse(FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json"));

    public static AgreementTerms AgreementEnding(string until)
    {
        var definition = JsonNode.Parse(FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json"))!.AsObject();
        definition["effectiveUntil"] = until;
        return AgreementTerms.Parse(definition.ToJsonString());
    }

    /// <summary>A Salvadoran national with a verified identifier, a final order and a violent conviction: eligible under the model agreement.</summary>
    public static JsonObject EligibleSalvadoran() => JsonNode.Parse("""
        {
          "id": "T-1", "names": {"given": "Test", "family": "Person"}, "dateOfBirth": "1990-05-05",
          "countryOfBirth": "SV", "nationalities": ["SV"], "languages": ["es"],
          "identifiers": [{"scheme": "a-number", "value": "A1", "verified": true}],
          "removalOrder": {"authority": "ina-240", "final": true, "designatedCountries": ["SV"]},
          "convictions": [{"offense": "Assault", "category": "violent", "date": "2020-01-01", "sentenceMonths": 24}]
        }
        """)!.AsObject();

    /// <summary>A Venezuelan national with an order to Venezuela: El Salvador is a third country for him.</summary>
    public static JsonObject EligibleVenezuelan()
    {
        var person = EligibleSalvadoran();
        person["nationalities"] = new JsonArray("VE");
        person["countryOfBirth"] = "VE";
        person["removalOrder"]!["designatedCountries"] = new JsonArray("VE");
        person["notices"] = JsonNode.Parse("""[{"kind": "third-country-removal", "country": "SV", "servedAt": "2025-03-01T15:00:00Z", "servedOn": ["person"], "language": "es"}]""");
        return person;
    }

    public static ScreeningDecision Screen(JsonObject person, DateTimeOffset? at = null, AgreementTerms? agreement = null, params JsonObject[] classOrders) =>
        Screener.Screen(PersonFacts.Parse(person.ToJsonString()), classOrders.Select(o => ClassOrderFacts.Parse(o.ToJsonString())).ToList(),
            agreement ?? ModelAgreement, at ?? SampleInstant);

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at, int days = 0) => DateOnly.FromDateTime(at.UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
