namespace Custody.CourtOrders;

public sealed record CourtOrderView(Guid Id, Guid PersonId, string Kind, string Court, string? Docket, DateTime IssuedAt, DateTime? ExpiresAt,
    DateTime? LiftedAt, bool Verified, IReadOnlyList<string> Destinations, string? DocumentReference, string EnteredBy, DateTime EnteredAt,
    string? VerifiedBy, string? LiftedBy)
{
    public static CourtOrderView Of(EnteredCourtOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.PersonId, o.Kind, o.Court, o.Docket, o.IssuedAt, o.ExpiresAt, o.LiftedAt, o.Verified,
            o.Destinations.Split(' ', StringSplitOptions.RemoveEmptyEntries), o.DocumentReference, o.EnteredBy, o.EnteredAt, o.VerifiedBy, o.LiftedBy);
    }

    /// <summary>Copies of this order in imported bundles that say something else: kept for legal review, never applied.</summary>
    public IReadOnlyList<CourtOrderCopyView> DifferingCopies { get; init; } = [];
}

/// <summary>A bundle's differing copy of an entered court order, as kept for legal review.</summary>
public sealed record CourtOrderCopyView(Guid Id, Guid CourtOrderId, Guid PersonId, System.Text.Json.Nodes.JsonObject Copy, string Import, string RecordedBy, DateTime RecordedAt)
{
    public static CourtOrderCopyView Of(CourtOrderConflict c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.CourtOrderId, c.PersonId, System.Text.Json.Nodes.JsonNode.Parse(c.Copy)!.AsObject(), c.Import, c.RecordedBy, c.RecordedAt);
    }
}
