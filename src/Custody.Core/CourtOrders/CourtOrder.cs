using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;

namespace Custody.CourtOrders;

/// <summary>
/// A court order entered in Custody (not imported with a case bundle): reported by counsel or a
/// court, then verified and eventually lifted, each step ledgered. It blocks screening from the
/// moment it is entered — unverified orders block too (fail closed) — and, unlike facts from the
/// sending state's bundle, a re-import can never remove it. A projection of the ledger.
/// </summary>
public sealed class EnteredCourtOrder
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>A court-order kind of the case-bundle format (stay-of-removal, no-transfer-order, …).</summary>
    public string Kind { get; set; } = "";

    public string Court { get; set; } = "";

    public string? Docket { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? LiftedAt { get; set; }

    public bool Verified { get; set; }

    /// <summary>ISO 3166 codes, space-separated; empty blocks removal anywhere.</summary>
    public string Destinations { get; set; } = "";

    /// <summary>Where the scanned order is kept (a reference, never the document itself).</summary>
    public string? DocumentReference { get; set; }

    public string EnteredBy { get; set; } = "";

    public DateTime EnteredAt { get; set; }

    public string? VerifiedBy { get; set; }

    public string? LiftedBy { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }

    public static readonly IReadOnlyList<string> Kinds =
        ["stay-of-removal", "temporary-restraining-order", "preliminary-injunction", "no-transfer-order", "production-order", "facilitate-return", "other"];

    public static EnteredCourtOrder Enter(JsonObject payload, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(entry);
        var order = payload["order"]!.AsObject();
        return new EnteredCourtOrder
        {
            Id = Guid.Parse(payload["id"]!.GetValue<string>()),
            PersonId = Guid.Parse(payload["person"]!.GetValue<string>()),
            Kind = order["kind"]!.GetValue<string>(),
            Court = order["court"]!.GetValue<string>(),
            Docket = order["docket"]?.GetValue<string>(),
            IssuedAt = Instants.Parse(order["issuedAt"]!.GetValue<string>()),
            ExpiresAt = order["expiresAt"] is { } expires ? Instants.Parse(expires.GetValue<string>()) : null,
            Verified = order["verified"]!.GetValue<bool>(),
            Destinations = string.Join(' ', order["destinations"]!.AsArray().Select(d => d!.GetValue<string>())),
            DocumentReference = payload["documentReference"]?.GetValue<string>(),
            EnteredBy = entry.Actor,
            EnteredAt = entry.OccurredAt,
            VerifiedBy = order["verified"]!.GetValue<bool>() ? entry.Actor : null,
            Revision = 1,
            LastSeq = entry.Seq,
        };
    }

    public void Verify(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Verified = true;
        VerifiedBy = entry.Actor;
        Touch(entry);
    }

    public void Lift(DateTime liftedAt, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        LiftedAt = liftedAt;
        LiftedBy = entry.Actor;
        Touch(entry);
    }

    private void Touch(LedgerEntry entry)
    {
        Revision++;
        LastSeq = entry.Seq;
    }

    /// <summary>The order in the case-bundle court-order shape, as the screening rules read it.</summary>
    public Screening.CourtOrder ToScreeningFact() => new()
    {
        Kind = Kind,
        Court = Court,
        IssuedAt = new DateTimeOffset(IssuedAt, TimeSpan.Zero),
        ExpiresAt = ExpiresAt is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : null,
        LiftedAt = LiftedAt is { } l ? new DateTimeOffset(l, TimeSpan.Zero) : null,
        Verified = Verified,
        Destinations = Destinations.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Ref = "courtOrder:" + Id,
    };
}
