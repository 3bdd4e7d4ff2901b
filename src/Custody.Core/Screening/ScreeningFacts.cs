using System.Text.Json;
using System.Text.Json.Serialization;

namespace Custody.Screening;

/// <summary>A fact that a decision can cite: by its place in the bundle, or as recorded in Custody.</summary>
public interface ICitedFact
{
    /// <summary>A JSON Pointer into the bundle's facts (<c>/protections/0</c>), or <c>fact:ID</c> / <c>courtOrder:ID</c> for one recorded in Custody.</summary>
    string? Ref { get; set; }
}

/// <summary>
/// A person's facts as the screening rules read them, parsed once from the register's canonical
/// JSON (the case-bundle person format). Codes stay the format's strings; absent lists are empty.
/// </summary>
public sealed class PersonFacts
{
    public string Id { get; set; } = "";
    public PersonNames Names { get; set; } = new();
    public DateOnly DateOfBirth { get; set; }
    public string CountryOfBirth { get; set; } = "";
    public IReadOnlyList<string> Nationalities { get; set; } = [];
    public IReadOnlyList<string> Languages { get; set; } = [];
    public IReadOnlyList<Identifier> Identifiers { get; set; } = [];
    public IReadOnlyList<CitizenshipClaim> CitizenshipClaims { get; set; } = [];
    public RemovalOrder? RemovalOrder { get; set; }
    public IReadOnlyList<Conviction> Convictions { get; set; } = [];
    public IReadOnlyList<Designation> Designations { get; set; } = [];
    public IReadOnlyList<Protection> Protections { get; set; } = [];
    public IReadOnlyList<CourtOrder> CourtOrders { get; set; } = [];
    public IReadOnlyList<Proceeding> Proceedings { get; set; } = [];
    public IReadOnlyList<Notice> Notices { get; set; } = [];
    public IReadOnlyList<FearClaim> FearClaims { get; set; } = [];
    public IReadOnlyList<Counsel> Counsel { get; set; } = [];

    public bool HasCounselOfRecord => Counsel.Any(c => c.OfRecord);

    /// <summary>Adds the facts entered in Custody to those of the bundle; they count the same.</summary>
    public PersonFacts WithEnteredFacts(IEnumerable<Facts.EnteredFact> entered)
    {
        ArgumentNullException.ThrowIfNull(entered);
        foreach (var fact in entered)
        {
            fact.AddTo(this);
        }
        return this;
    }

    /// <summary>
    /// Adds the orders entered in Custody to those of the bundle. An entered order is the court's
    /// record: a bundle's copy of it (same order, whatever it says) is set aside, so a bundle can
    /// neither lift, narrow nor revive what the court recorded — its differing copy waits for legal
    /// review instead (recorded at import).
    /// </summary>
    public PersonFacts WithEnteredCourtOrders(IEnumerable<CourtOrder> entered)
    {
        ArgumentNullException.ThrowIfNull(entered);
        var extra = entered.ToList();
        if (extra.Count > 0)
        {
            CourtOrders = [.. CourtOrders.Where(copy => !extra.Any(copy.IsCopyOf)), .. extra];
        }
        return this;
    }

    /// <summary>Parses a person in the case-bundle format (as stored in <c>People.Facts</c>).</summary>
    public static PersonFacts Parse(string json)
    {
        var person = JsonSerializer.Deserialize(json, ScreeningJson.Default.PersonFacts) ?? throw new JsonException("a person's facts are null");
        // The bundle's facts are cited by their position in the bundle, fixed here before facts
        // entered in Custody are merged in (and may supersede some).
        Cite(person.CitizenshipClaims, "citizenshipClaims");
        Cite(person.Designations, "designations");
        Cite(person.Protections, "protections");
        Cite(person.CourtOrders, "courtOrders");
        Cite(person.Proceedings, "proceedings");
        Cite(person.Notices, "notices");
        Cite(person.FearClaims, "fearClaims");
        return person;
    }

    private static void Cite(IEnumerable<ICitedFact> facts, string kind)
    {
        var i = 0;
        foreach (var fact in facts)
        {
            fact.Ref = $"/{kind}/{i++}";
        }
    }
}

public sealed class PersonNames
{
    public string Given { get; set; } = "";
    public string Family { get; set; } = "";
}

public sealed record Identifier(string Scheme, string Value, bool Verified);

public sealed class CitizenshipClaim : ICitedFact
{
    public string Country { get; set; } = "";
    public string Status { get; set; } = "";

    /// <summary>Where the fact is recorded, for decisions to cite: null for the bundle's own (cited by position).</summary>
    [JsonIgnore]
    public string? Ref { get; set; }
}

public sealed class RemovalOrder
{
    public string Authority { get; set; } = "";
    public bool Final { get; set; }
    public IReadOnlyList<string> DesignatedCountries { get; set; } = [];
}

public sealed record Conviction(string Offense, string Category, int? SentenceMonths);

public sealed class Designation : ICitedFact
{
    public string Group { get; set; } = "";
    public IReadOnlyList<Evidence> Evidence { get; set; } = [];
    public IReadOnlyList<string> Reviewers { get; set; } = [];

    /// <summary>Where the fact is recorded, for decisions to cite: null for the bundle's own (cited by position).</summary>
    [JsonIgnore]
    public string? Ref { get; set; }

    /// <summary>At least two distinct reviewers and evidence that can validate: a gang-offence conviction or a court finding.</summary>
    public bool IsValidated =>
        Reviewers.Distinct(StringComparer.Ordinal).Count() >= 2
        && Evidence.Any(e => e.Kind is "conviction-for-gang-offense" or "court-finding");
}

public sealed record Evidence(string Kind);

public sealed class Protection : ICitedFact
{
    public string Kind { get; set; } = "";
    public string Status { get; set; } = "";
    public IReadOnlyList<string> Countries { get; set; } = [];
    public DateOnly? EffectiveFrom { get; set; }
    public DateOnly? EffectiveUntil { get; set; }

    /// <summary>Where the fact is recorded, for decisions to cite: null for the bundle's own (cited by position).</summary>
    [JsonIgnore]
    public string? Ref { get; set; }
}

public sealed class CourtOrder : ICitedFact
{
    public string Kind { get; set; } = "";
    public string Court { get; set; } = "";
    public string? Docket { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
    public bool Verified { get; set; }
    public IReadOnlyList<string> Destinations { get; set; } = [];

    /// <summary>Where the order is recorded, for decisions to cite: null for a bundle's own orders (cited by position).</summary>
    [JsonIgnore]
    public string? Ref { get; set; }

    /// <summary>
    /// Whether this and <paramref name="other"/> are the same order of the same court: same kind and
    /// court, and the same docket where both give one, else issued at the same instant.
    /// </summary>
    public bool IsCopyOf(CourtOrder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Kind != other.Kind || !Same(Court, other.Court))
        {
            return false;
        }
        return !string.IsNullOrWhiteSpace(Docket) && !string.IsNullOrWhiteSpace(other.Docket) ? Same(Docket, other.Docket) : IssuedAt == other.IssuedAt;
    }

    /// <summary>Whether a copy of the same order says anything different: dates, verification, destinations or docket.</summary>
    public bool DiffersFrom(CourtOrder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return IssuedAt != other.IssuedAt || ExpiresAt != other.ExpiresAt || LiftedAt != other.LiftedAt || Verified != other.Verified
            || !Destinations.ToHashSet(StringComparer.Ordinal).SetEquals(other.Destinations)
            || (!string.IsNullOrWhiteSpace(Docket) && !string.IsNullOrWhiteSpace(other.Docket) && !Same(Docket, other.Docket));
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}

public sealed class Proceeding : ICitedFact
{
    public string Kind { get; set; } = "";
    public string Status { get; set; } = "";

    /// <summary>Where the fact is recorded, for decisions to cite: null for the bundle's own (cited by position).</summary>
    [JsonIgnore]
    public string? Ref { get; set; }
}

public sealed class Notice : ICitedFact
{
    public string Kind { get; set; } = "";
    public string Country { get; set; } = "";
    public DateTimeOffset ServedAt { get; set; }
    public IReadOnlyList<string> ServedOn { get; set; } = [];
    public string Language { get; set; } = "";

    /// <summary>Where the fact is recorded, for decisions to cite: null for the bundle's own (cited by position).</summary>
    [JsonIgnore]
    public string? Ref { get; set; }
}

public sealed class FearClaim : ICitedFact
{
    public string Country { get; set; } = "";
    public string Outcome { get; set; } = "";

    /// <summary>When the interview is held, where one is set (in the bundle or scheduled in Custody): the legal reviewer's deadline.</summary>
    public DateTimeOffset? InterviewAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Where the fact is recorded, for decisions to cite: null for the bundle's own (cited by position).</summary>
    [JsonIgnore]
    public string? Ref { get; set; }
}

public sealed record Counsel(string Name, bool OfRecord);

/// <summary>A class order as the rules read it: each predicate is null when the order does not state it.</summary>
public sealed class ClassOrderFacts
{
    public string Id { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
    public IReadOnlyList<string>? Destinations { get; set; }
    public IReadOnlyList<string>? Nationalities { get; set; }
    public IReadOnlyList<string>? RemovalAuthorities { get; set; }
    public bool? ThirdCountryOnly { get; set; }

    public static ClassOrderFacts Parse(string json) => JsonSerializer.Deserialize(json, ScreeningJson.Default.ClassOrderFacts)
        ?? throw new JsonException("a class order is null");
}

/// <summary>
/// Source-generated, camelCase, unknown members ignored: the schema has already been enforced at
/// import. (Settable properties: the generator would overwrite init-only defaults with null.)
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(Rfc3339InstantConverter)])]
[JsonSerializable(typeof(PersonFacts))]
[JsonSerializable(typeof(ClassOrderFacts))]
[JsonSerializable(typeof(VersionTerms))]
[JsonSerializable(typeof(Protection))]
[JsonSerializable(typeof(Proceeding))]
[JsonSerializable(typeof(Notice))]
[JsonSerializable(typeof(FearClaim))]
[JsonSerializable(typeof(CitizenshipClaim))]
[JsonSerializable(typeof(Designation))]
[JsonSerializable(typeof(CourtOrder))]
internal sealed partial class ScreeningJson : JsonSerializerContext;

/// <summary>
/// RFC 3339 instants as the schema accepts them, lower-case <c>t</c> and <c>z</c> included (the
/// serializer's own ISO 8601 reader refuses those).
/// </summary>
internal sealed class Rfc3339InstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>The source-generated metadata, for other features that read facts in the bundle's shapes.</summary>
internal static class ScreeningJsonAccess
{
    public static ScreeningJson Context => ScreeningJson.Default;
}
