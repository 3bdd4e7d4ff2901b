namespace Custody.Facilities;

public sealed record RestrictionView(Guid Id, Guid PersonId, string Ground, string? Authority, DateOnly? ReviewBy, bool Lapsed, string RecordedBy, DateTime RecordedAt,
    DateTime? LiftedAt, string? LiftedBy, string? LiftReason, Guid? ReviewProceedingId, string? ReviewCourt)
{
    public static RestrictionView Of(InformationRestriction r, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.PersonId, r.Ground, r.Authority, r.ReviewBy, r.LiftedAt is null && r.ReviewBy < today, r.RecordedBy, r.RecordedAt, r.LiftedAt, r.LiftedBy,
            r.LiftReason, r.ReviewProceedingId, r.ReviewCourt);
    }
}
