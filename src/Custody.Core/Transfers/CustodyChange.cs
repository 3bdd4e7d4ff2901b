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

    /// <summary>Transitional, until the facility register records typed events.</summary>
    public void Record(LedgerWriter ledger, ITransferState state, string actor)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(state);
        var e = new CustodyRecorded(Guid.CreateVersion7(new DateTimeOffset(OccurredAt, TimeSpan.Zero)), PersonId, Event, Custodian, PlaceKind, LegalAuthority,
            Funder, OccurredAt, OnBehalfOf, FacilityId, ManifestId, AgreementId, Note);
        var entry = ledger.Append(CustodyRecorded.EntryKind, e.Subject(), EventRegistry.Default.ToPayload(e), actor, OccurredAt);
        var previous = state.CurrentCustody(PersonId)!;
        var next = CustodyRecord.Recorded(e, previous.Number + 1, entry);
        previous.SupersededBy(next);
        state.Add(next);
    }
}
