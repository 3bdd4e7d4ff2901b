using System.Text.Json;
using System.Text.Json.Nodes;
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

    public static EnteredFact Enter(JsonObject payload, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(entry);
        return new EnteredFact
        {
            Id = Guid.Parse(payload["id"]!.GetValue<string>()),
            PersonId = Guid.Parse(payload["person"]!.GetValue<string>()),
            Kind = payload["kind"]!.GetValue<string>(),
            Fact = CanonicalJson.ToText(payload["fact"]),
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
        var reference = "fact:" + Id;
        var json = Screening.ScreeningJsonAccess.Context;
        switch (Kind)
        {
            case "fearClaims":
                var claim = JsonSerializer.Deserialize(Fact, json.FearClaim)!;
                claim.Ref = reference;
                person.FearClaims = [.. person.FearClaims, claim];
                break;
            case "notices":
                var notice = JsonSerializer.Deserialize(Fact, json.Notice)!;
                notice.Ref = reference;
                person.Notices = [.. person.Notices, notice];
                break;
            case "protections":
                var protection = JsonSerializer.Deserialize(Fact, json.Protection)!;
                protection.Ref = reference;
                person.Protections = [.. person.Protections, protection];
                break;
            case "proceedings":
                var proceeding = JsonSerializer.Deserialize(Fact, json.Proceeding)!;
                proceeding.Ref = reference;
                person.Proceedings = [.. person.Proceedings, proceeding];
                break;
            case "citizenshipClaims":
                // The register's word on a country's claim supersedes the bundle's claims for it.
                var citizenship = JsonSerializer.Deserialize(Fact, json.CitizenshipClaim)!;
                citizenship.Ref = reference;
                person.CitizenshipClaims = [.. person.CitizenshipClaims.Where(c => !(IsFromBundle(c.Ref) && c.Country == citizenship.Country)), citizenship];
                break;
            case "designations":
                // A designation reviewed in Custody supersedes the bundle's for the same group.
                var designation = JsonSerializer.Deserialize(Fact, json.Designation)!;
                designation.Ref = reference;
                person.Designations = [.. person.Designations.Where(d => !(IsFromBundle(d.Ref) && d.Group == designation.Group)), designation];
                break;
            default:
                throw new InvalidOperationException($"unknown kind of entered fact {Kind}");
        }
    }
}
