using Custody.Ledger;

namespace Custody.Transfers;

/// <summary>A new custody record for a person: what happened, who holds them where, by what authority, paid by whom.</summary>
public sealed record CustodyChange(Guid PersonId, string Event, string Custodian, string? OnBehalfOf, string PlaceKind, string? FacilityId, Guid? ManifestId,
    string? AgreementId, string LegalAuthority, string Funder, string? Note, DateTime OccurredAt)
{
    /// <summary>Records the <c>custody.recorded</c> event: the person's current record is superseded.</summary>
    public LedgerEntry Record(UnitOfWork work, string actor)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work.Record(new CustodyRecorded(Guid.CreateVersion7(new DateTimeOffset(OccurredAt, TimeSpan.Zero)), PersonId, Event, Custodian, PlaceKind, LegalAuthority,
            Funder, OccurredAt, OnBehalfOf, FacilityId, ManifestId, AgreementId, Note), actor, OccurredAt);
    }
}
