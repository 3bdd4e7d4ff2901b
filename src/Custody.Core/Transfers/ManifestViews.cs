using Custody.Screening;

namespace Custody.Transfers;

/// <summary>A manifest with its people, discrepancies and the counts of its reconciliation.</summary>
public sealed record ManifestView(Guid Id, string AgreementId, string Carrier, string Movement, string OriginFacilityId, string DestinationFacilityId,
    DateTime ScheduledDeparture, string Status, int Revision, string CreatedBy, DateTime CreatedAt, string? LockedBy, DateTime? LockedAt,
    string? UnlockReason, DateTime? DepartedAt, DateTime? ArrivedAt, IReadOnlyList<ManifestPersonView> People,
    IReadOnlyList<DiscrepancyView> Discrepancies, ReconciliationCounts Counts, string Direction = ManifestDirections.Transfer);

public sealed record ManifestPersonView(Guid PersonId, string ExternalId, string GivenName, string FamilyName, string Role, string Status,
    string? StatusReason, DateTime? StatusAt, string? StatusBy, string? IdentityCheckedAgainst, Guid? SubstitutionOf, string? SubstitutionApprovedBy,
    DateTime? ScreenedAt, string? ScreeningOutcome, IReadOnlyList<string> ScreeningReasons, string? DispatchedBy, DateTime? DispatchedAt,
    string? ReceivedBy, DateTime? ReceivedAt, string? Alert, DateTime? AlertRaisedAt, IReadOnlyList<string> AlertReasons);

public sealed record DiscrepancyView(Guid Id, Guid? PersonId, string Kind, string Note, string RecordedBy, DateTime RecordedAt);

/// <summary>
/// Reconciliation per manifest: how many were manifested (principals ever listed), boarded,
/// disembarked, departed (boarded and not disembarked when it left), arrived (departed and not
/// lost in transit), handed over, and discrepancies recorded.
/// </summary>
public sealed record ReconciliationCounts(int Manifested, int Boarded, int Disembarked, int Departed, int Arrived, int HandedOver, int Discrepancies);

/// <summary>A refusal because screening blocked one or more people; each with every reason.</summary>
public sealed record PeopleBlocked(IReadOnlyList<BlockedPerson> People)
    : Common.Failure($"Blocked by screening: {string.Join("; ", People.Select(p => $"{p.ExternalId} ({string.Join(", ", p.Decision.Reasons)})"))}.");

public sealed record BlockedPerson(Guid PersonId, string ExternalId, ScreeningDecision Decision);
