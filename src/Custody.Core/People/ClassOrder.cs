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

    /// <summary>Entered or confirmed by a court or legal reviewer: the court's record, which an import never changes.</summary>
    public bool Verified { get; set; }

    /// <summary>Who entered or confirmed it, when <see cref="Verified"/>.</summary>
    public string? VerifiedBy { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }

    public static ClassOrder Record(ClassOrderRecorded recorded, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var order = new ClassOrder();
        order.SetFacts(recorded.Order, entry);
        if (recorded.Verified)
        {
            order.Verified = true;
            order.VerifiedBy = entry.Actor;
        }
        return order;
    }

    /// <summary>A court or legal reviewer confirmed it.</summary>
    public void Verify(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Verified = true;
        VerifiedBy = entry.Actor;
        Revision++;
        LastSeq = entry.Seq;
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

/// <summary>A bundle's differing copy of a court's class order, kept for legal review; the court's record stands.</summary>
public sealed class ClassOrderConflict
{
    public Guid Id { get; set; }

    public string ClassOrderId { get; set; } = "";

    /// <summary>The bundle's copy, canonical JSON.</summary>
    public string Copy { get; set; } = "{}";

    /// <summary>SHA-256 of the imported file.</summary>
    public string Import { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public long Seq { get; set; }
}
