using System.Text.Json.Nodes;
using Custody.People;

namespace Custody.Locator;

/// <summary>
/// The exact-match keys the public locator looks a person up by, following the ICE locator:
/// an identifier with the country of birth, or given and family name with the country of birth.
/// Case and diacritics are folded ("Menjívar" = "MENJIVAR"); nothing else is fuzzy. Derived from
/// the person's facts whenever they change, so the table is rebuilt from the register on verify.
/// </summary>
public sealed class LocatorKey
{
    public string Key { get; set; } = "";

    public Guid PersonId { get; set; }

    public static IEnumerable<LocatorKey> For(Guid personId, JsonObject facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var country = facts["countryOfBirth"]!.GetValue<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal)
        {
            ByName(facts["names"]!["given"]!.GetValue<string>(), facts["names"]!["family"]!.GetValue<string>(), country),
        };
        foreach (var identifier in facts["identifiers"] as JsonArray ?? [])
        {
            keys.Add(ByIdentifier(identifier!["value"]!.GetValue<string>(), country));
        }
        return keys.Select(k => new LocatorKey { Key = k, PersonId = personId });
    }

    public static string ByName(string given, string family, string countryOfBirth) =>
        "n:" + Fold(given) + "|" + Fold(family) + "|" + Fold(countryOfBirth);

    public static string ByIdentifier(string identifier, string countryOfBirth) =>
        "i:" + Fold(identifier) + "|" + Fold(countryOfBirth);

    // Case and diacritics folded, whitespace runs made one space: what a family types may differ in those only.
    private static string Fold(string text) =>
        string.Join(' ', Person.Normalize(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
