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

    public static EnteredCourtOrder Enter(CourtOrderEntered entered, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entered);
        ArgumentNullException.ThrowIfNull(entry);
        var order = entered.Order;
        return new EnteredCourtOrder
        {
            Id = entered.Id,
            PersonId = entered.Person,
            Kind = order.Kind,
            Court = order.Court,
            Docket = order.Docket,
            IssuedAt = order.IssuedAt,
            ExpiresAt = order.ExpiresAt,
            Verified = order.Verified,
            Destinations = string.Join(' ', order.Destinations),
            DocumentReference = entered.DocumentReference,
            EnteredBy = entry.Actor,
            EnteredAt = entry.OccurredAt,
            VerifiedBy = order.Verified ? entry.Actor : null,
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
        Docket = Docket,
        IssuedAt = new DateTimeOffset(IssuedAt, TimeSpan.Zero),
        ExpiresAt = ExpiresAt is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : null,
        LiftedAt = LiftedAt is { } l ? new DateTimeOffset(l, TimeSpan.Zero) : null,
        Verified = Verified,
        Destinations = Destinations.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Ref = "courtOrder:" + Id,
    };
}
