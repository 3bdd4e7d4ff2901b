using System.Text.Json.Nodes;

namespace Custody.People;

public sealed record ClassOrderView(string Id, string Court, string? Docket, string Description, DateTime IssuedAt, DateTime? ExpiresAt, DateTime? LiftedAt, JsonObject Order,
    bool Verified, string? VerifiedBy)
{
    public static ClassOrderView Of(ClassOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.Court, o.Docket, o.Description, o.IssuedAt, o.ExpiresAt, o.LiftedAt, JsonNode.Parse(o.Facts)!.AsObject(), o.Verified, o.VerifiedBy);
    }
}

/// <summary>A bundle's copy of a court's class order that differs from the record, kept for legal review.</summary>
public sealed record ClassOrderConflictView(Guid Id, string ClassOrderId, JsonObject Copy, string Import, string RecordedBy, DateTime RecordedAt);
