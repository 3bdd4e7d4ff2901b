using System.Text.Json.Nodes;
using System.Text.Json;
using Custody.Imports;
using Custody.Ledger;

namespace Custody.Facts;

/// <summary>
/// A legal fact recorded in Custody rather than imported — a fear claim raised, a notice served,
/// a protection or proceeding reported — in the case-bundle shape of its kind, so that screening
/// reads it like the bundle's own. Kept apart from the bundle's facts so that a re-import from the
/// sending state's system never removes it. A projection of the ledger.
/// </summary>
public sealed class EnteredFact
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The case-bundle property the fact belongs to: fearClaims, notices, protections or proceedings.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The fact's canonical JSON in the case-bundle shape of its kind.</summary>
    public string Fact { get; set; } = "{}";

    public string EnteredBy { get; set; } = "";

    public DateTime EnteredAt { get; set; }

    public string? UpdatedBy { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }

    public static readonly IReadOnlyList<string> Kinds = ["fearClaims", "notices", "protections", "proceedings", "citizenshipClaims", "designations"];

    public JsonObject FactObject() => JsonNode.Parse(Fact)!.AsObject();

    public static EnteredFact Enter(FactEntered entered, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entered);
        ArgumentNullException.ThrowIfNull(entry);
        return new EnteredFact
        {
            Id = entered.Id,
            PersonId = entered.Person,
            Kind = entered.Kind,
            Fact = CanonicalJson.ToText(entered.Fact),
            EnteredBy = entry.Actor,
            EnteredAt = entry.OccurredAt,
            Revision = 1,
            LastSeq = entry.Seq,
        };
    }

    public void Update(JsonChanges changes, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(entry);
        Fact = CanonicalJson.ToText(changes.ApplyTo(FactObject()));
        UpdatedBy = entry.Actor;
        Revision++;
        LastSeq = entry.Seq;
    }

    private static bool IsFromBundle(string? reference) => reference is null || reference.StartsWith('/');

    /// <summary>Adds this fact to the facts screening reads, citing it as <c>fact:ID</c>.</summary>
    public void AddTo(Screening.PersonFacts person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var json = Screening.ScreeningJsonAccess.Context;
        switch (Kind)
        {
            case "fearClaims":
                person.FearClaims = [.. person.FearClaims, Read(json.FearClaim)];
                break;
            case "notices":
                person.Notices = [.. person.Notices, Read(json.Notice)];
                break;
            case "protections":
                person.Protections = [.. person.Protections, Read(json.Protection)];
                break;
            case "proceedings":
                person.Proceedings = [.. person.Proceedings, Read(json.Proceeding)];
                break;
            case "citizenshipClaims":
                // The register's word on a country's claim supersedes the bundle's claims for it.
                var citizenship = Read(json.CitizenshipClaim);
                person.CitizenshipClaims = [.. person.CitizenshipClaims.Where(c => !(IsFromBundle(c.Ref) && c.Country == citizenship.Country)), citizenship];
                break;
            case "designations":
                // A designation reviewed in Custody supersedes the bundle's for the same group.
                var designation = Read(json.Designation);
                person.Designations = [.. person.Designations.Where(d => !(IsFromBundle(d.Ref) && d.Group == designation.Group)), designation];
                break;
            default:
                throw new InvalidOperationException($"unknown kind of entered fact {Kind}");
        }
    }

    private T Read<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : Screening.ICitedFact
    {
        var fact = JsonSerializer.Deserialize(Fact, type)!;
        fact.Ref = "fact:" + Id;
        return fact;
    }
}
