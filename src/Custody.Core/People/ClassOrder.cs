using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;

namespace Custody.People;

/// <summary>
/// A court order that protects a class of people (DOMAIN.md class-order predicates), as a
/// projection of the ledger. <see cref="Facts"/> is its canonical JSON as last imported.
/// </summary>
public sealed class ClassOrder
{
    public string Id { get; set; } = "";

    public string Court { get; set; } = "";

    public string? Docket { get; set; }

    public string Description { get; set; } = "";

    public DateTime IssuedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? LiftedAt { get; set; }

    public string Facts { get; set; } = "{}";

    public int Revision { get; set; }

    public long LastSeq { get; set; }

    public static ClassOrder Record(ClassOrderRecorded recorded, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var order = new ClassOrder();
        order.SetFacts(recorded.Order, entry);
        return order;
    }

    /// <summary>Applies a re-import's changes.</summary>
    public void Update(Imports.JsonChanges changes, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(changes);
        SetFacts(changes.ApplyTo(JsonNode.Parse(Facts)!.AsObject()), entry);
    }

    private void SetFacts(JsonObject facts, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(entry);
        Id = facts["id"]!.GetValue<string>();
        Court = facts["court"]!.GetValue<string>();
        Docket = facts["docket"]?.GetValue<string>();
        Description = facts["description"]!.GetValue<string>();
        IssuedAt = Instants.Parse(facts["issuedAt"]!.GetValue<string>());
        ExpiresAt = facts["expiresAt"] is { } expires ? Instants.Parse(expires.GetValue<string>()) : null;
        LiftedAt = facts["liftedAt"] is { } lifted ? Instants.Parse(lifted.GetValue<string>()) : null;
        Facts = CanonicalJson.ToText(facts);
        Revision++;
        LastSeq = entry.Seq;
    }
}
