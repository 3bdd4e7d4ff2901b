using System.Text.Json;
using System.Text.Json.Nodes;
using Custody.Ledger;

namespace Custody.CourtOrders;

/// <summary>A bundle's differing copy of a court order entered in Custody, kept for legal review; the court's record stands.</summary>
public sealed class CourtOrderConflict
{
    public Guid Id { get; set; }

    public Guid CourtOrderId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The bundle's copy, canonical JSON.</summary>
    public string Copy { get; set; } = "{}";

    /// <summary>SHA-256 of the imported file.</summary>
    public string Import { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public long Seq { get; set; }

    public static CourtOrderConflict Record(CourtOrderConflictRecorded e, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(entry);
        return new CourtOrderConflict
        {
            Id = e.Id,
            CourtOrderId = e.Order,
            PersonId = e.Person,
            Copy = CanonicalJson.ToText(e.Copy),
            Import = e.Import,
            RecordedBy = entry.Actor,
            RecordedAt = entry.RecordedAt,
            Seq = entry.Seq,
        };
    }

    /// <summary>
    /// The copies in a person's bundle facts of orders entered in Custody that say something
    /// different from the court's record, each with the order it copies.
    /// </summary>
    public static IEnumerable<(EnteredCourtOrder Order, JsonObject Copy)> DifferingCopies(JsonObject personFacts, IReadOnlyCollection<EnteredCourtOrder> entered)
    {
        ArgumentNullException.ThrowIfNull(personFacts);
        ArgumentNullException.ThrowIfNull(entered);
        if (entered.Count == 0 || personFacts["courtOrders"] is not JsonArray copies)
        {
            yield break;
        }
        var records = entered.Select(o => (Order: o, Fact: o.ToScreeningFact())).ToList();
        foreach (var node in copies)
        {
            var copy = node!.Deserialize(Screening.ScreeningJsonAccess.Context.CourtOrder)!;
            foreach (var (order, fact) in records.Where(r => copy.IsCopyOf(r.Fact) && copy.DiffersFrom(r.Fact)))
            {
                yield return (order, node!.AsObject());
            }
        }
    }
}
