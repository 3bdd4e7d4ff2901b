using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Custody.Ledger;

/// <summary>A person's record was read (the access log): whose, which view of it, and the reader's roles (the entry names who).</summary>
public sealed record PersonViewed(Guid Person, string View, IReadOnlyList<string>? Roles = null) : ILedgerEvent<PersonViewed>
{
    public static string EntryKind => "access.person-viewed";

    public string Subject() => "person:" + Person;
}

/// <summary>A search of the register as asked.</summary>
public sealed record SearchedFor(int Page, string? Text = null, string? Nationality = null, string? CountryOfBirth = null, string? Fact = null);

/// <summary>The register was searched: the query, whose summaries were shown, and the reader's roles.</summary>
public sealed record PeopleSearched(SearchedFor Query, IReadOnlyList<Guid> Shown, IReadOnlyList<string>? Roles = null) : ILedgerEvent<PeopleSearched>
{
    public static string EntryKind => "access.people-searched";

    public string Subject() => "people";
}

/// <summary>The register was screened: under which agreement, at which instant, and for whom (empty: everyone).</summary>
public sealed record PeopleScreened(string Agreement, DateTime At, IReadOnlyList<string> People) : ILedgerEvent<PeopleScreened>
{
    public static string EntryKind => "access.people-screened";

    public string Subject() => "agreement:" + Agreement;
}

/// <summary>
/// An import finished: the file's format and digest and what it did (each person, order and version
/// has its own entry). A case bundle fills the people and class-order counts, an agreement the rest.
/// </summary>
public sealed record ImportCompleted(string Format, string Sha256, JsonNode? Source = null, int? PeopleRegistered = null, int? PeopleUpdated = null,
    int? ClassOrdersRecorded = null, int? ClassOrdersUpdated = null, string? Agreement = null, int? VersionsAdded = null) : ILedgerEvent<ImportCompleted>
{
    public static string EntryKind => "import.completed";

    public string Subject() => "import:" + Sha256;
}

/// <summary>A user account was created with its roles (see <see cref="Access.AccountEvents"/>).</summary>
public sealed record UserCreated(string User, string Email, IReadOnlyList<string> Roles) : ILedgerEvent<UserCreated>
{
    public static string EntryKind => "user.created";

    public string Subject() => "user:" + User;
}

/// <summary>The kinds that record without changing a state table.</summary>
public static class AuditEvents
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AuditOnly<PersonViewed>("the access log: reads change no state (PersonReads lists them from the ledger by subject)")
            .AuditOnly<PeopleSearched>("the access log: reads change no state")
            .AuditOnly<PeopleScreened>("the access log: reads change no state")
            .AuditOnly<ImportCompleted>("a receipt for the file; each person and order imported has its own entry");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(PersonViewed))]
[JsonSerializable(typeof(PeopleSearched))]
[JsonSerializable(typeof(PeopleScreened))]
[JsonSerializable(typeof(ImportCompleted))]
[JsonSerializable(typeof(UserCreated))]
internal sealed partial class AuditEventsJson : JsonSerializerContext;
