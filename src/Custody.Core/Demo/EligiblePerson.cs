using System.Text.Json.Nodes;

namespace Custody.Demo;

/// <summary>
/// A fictitious person in the case-bundle format who screens <c>eligible</c> for El Salvador under
/// the model agreement: an adult Salvadoran with a final removal order, a violent conviction and a
/// verified A-number ("A" + id). Used by the demo, the tests and the benchmark to build movements.
/// </summary>
public static class EligiblePerson
{
    /// <summary>The person; <paramref name="withContacts"/> adds counsel of record (counsel@example.org) and a designated family contact, who are notified of a transfer.</summary>
    public static JsonObject Create(string id, string given = "Ana", string family = "Pérez", string dateOfBirth = "1990-01-01", bool withContacts = true)
    {
        var person = new JsonObject
        {
            ["id"] = id,
            ["names"] = new JsonObject { ["given"] = given, ["family"] = family },
            ["dateOfBirth"] = dateOfBirth,
            ["countryOfBirth"] = "SV",
            ["nationalities"] = new JsonArray("SV"),
            ["languages"] = new JsonArray("es"),
            ["identifiers"] = new JsonArray(new JsonObject { ["scheme"] = "a-number", ["value"] = "A" + id, ["verified"] = true }),
            ["removalOrder"] = new JsonObject { ["authority"] = "ina-240", ["final"] = true, ["finalOn"] = "2024-11-02" },
            ["convictions"] = new JsonArray(new JsonObject
            {
                ["offense"] = "Robbery", ["category"] = "violent", ["jurisdiction"] = "US-TX", ["date"] = "2020-01-01", ["sentenceMonths"] = 24,
            }),
        };
        if (withContacts)
        {
            person["counsel"] = new JsonArray(new JsonObject { ["name"] = "R. Alvarez", ["ofRecord"] = true, ["email"] = "counsel@example.org" });
            person["familyContacts"] = new JsonArray(new JsonObject
            {
                ["name"] = "María Pérez", ["relationship"] = "mother", ["phone"] = "+503 7000 0000", ["designated"] = true,
            });
        }
        return person;
    }

    /// <summary>A case bundle of these people.</summary>
    public static string Bundle(IEnumerable<JsonObject> people) => new JsonObject
    {
        ["format"] = "custody.case-bundle/1",
        ["persons"] = new JsonArray(people.Select(p => (JsonNode)p).ToArray()),
    }.ToJsonString();
}
