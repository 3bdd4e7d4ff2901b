using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Imports;
using Custody.Ledger;

namespace Custody.People;

/// <summary>
/// A person in the register: a projection of the ledger's person entries. <see cref="Facts"/>
/// is the canonical JSON of the person as the case bundle last stated them (identity and every
/// legal fact); the other columns are derived from it for listing and searching, by one method
/// used both when a command writes and when verification rebuilds the table.
/// </summary>
public sealed class Person
{
    public Guid Id { get; set; }

    /// <summary>The sending system's record id, stable across re-imports.</summary>
    public string ExternalId { get; set; } = "";

    public string GivenName { get; set; } = "";

    public string FamilyName { get; set; } = "";

    public DateOnly DateOfBirth { get; set; }

    public string? Sex { get; set; }

    public string CountryOfBirth { get; set; } = "";

    /// <summary>ISO 3166 codes, space-separated, in the order given.</summary>
    public string Nationalities { get; set; } = "";

    /// <summary>Language tags, space-separated, in the order given.</summary>
    public string Languages { get; set; } = "";

    /// <summary>Lower-case names, aliases, ids and identifier values without diacritics, for search.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>The kinds of legal fact on record, each wrapped in spaces (" protection court-order ").</summary>
    public string FactKinds { get; set; } = "";

    public string Facts { get; set; } = "{}";

    public int Revision { get; set; }

    public DateTime RegisteredAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long LastSeq { get; set; }

    /// <summary>The kinds of legal fact a person can have, named as in the case-bundle format.</summary>
    public static readonly IReadOnlyList<string> FactKindNames =
    [
        "identifiers", "citizenshipClaims", "removalOrder", "convictions", "pendingCharges", "designations",
        "protections", "courtOrders", "proceedings", "notices", "fearClaims", "counsel", "familyContacts",
    ];

    public JsonObject FactsObject() => JsonNode.Parse(Facts)!.AsObject();

    /// <summary>A person first entered in the register (with the facts' canonical text when the importer has it already).</summary>
    public static Person Register(PersonRegistered registered, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(entry);
        var person = new Person { Id = registered.Id, RegisteredAt = entry.OccurredAt };
        person.SetFacts(registered.Person, entry, registered.CanonicalFacts);
        return person;
    }

    /// <summary>Applies a re-import: properties set to new values, properties removed.</summary>
    public void Update(JsonChanges changes, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(changes);
        SetFacts(changes.ApplyTo(FactsObject()), entry);
    }

    private void SetFacts(JsonObject facts, LedgerEntry entry, string? canonicalFacts = null)
    {
        ExternalId = facts["id"]!.GetValue<string>();
        GivenName = facts["names"]!["given"]!.GetValue<string>();
        FamilyName = facts["names"]!["family"]!.GetValue<string>();
        DateOfBirth = Instants.ParseDate(facts["dateOfBirth"]!.GetValue<string>());
        Sex = facts["sex"]?.GetValue<string>();
        CountryOfBirth = facts["countryOfBirth"]!.GetValue<string>();
        Nationalities = string.Join(' ', Strings(facts["nationalities"]));
        Languages = string.Join(' ', Strings(facts["languages"]));
        var aliases = Strings(facts["names"]!["aliases"]);
        var identifiers = (facts["identifiers"] as JsonArray ?? []).Select(i => i!["value"]!.GetValue<string>());
        SearchText = Normalize(string.Join(' ', new[] { GivenName, FamilyName, ExternalId }.Concat(aliases).Concat(identifiers)));
        FactKinds = " " + string.Concat(FactKindNames.Where(k => HasFact(facts[k])).Select(k => k + " "));
        Facts = canonicalFacts ?? CanonicalJson.ToText(facts);
        Revision++;
        UpdatedAt = entry.OccurredAt;
        LastSeq = entry.Seq;
    }

    private static bool HasFact(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        _ => true,
    };

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n!.GetValue<string>());

    /// <summary>Lower case without diacritics: "Menjívar" and "MENJIVAR" search alike.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
