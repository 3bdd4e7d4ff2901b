using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;

namespace Custody.Transfers;

/// <summary>A new custody record for a person: what happened, who holds them where, by what authority, paid by whom.</summary>
public sealed record CustodyChange(Guid PersonId, string Event, string Custodian, string? OnBehalfOf, string PlaceKind, string? FacilityId, Guid? ManifestId,
    string? AgreementId, string LegalAuthority, string Funder, string? Note, DateTime OccurredAt)
{
    /// <summary>Appends the <c>custody.recorded</c> entry and applies it: the person's current record is superseded.</summary>
    public void Record(LedgerWriter ledger, ITransferState state, string actor)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(state);
        var payload = new JsonObject
        {
            ["id"] = Guid.CreateVersion7(new DateTimeOffset(OccurredAt, TimeSpan.Zero)).ToString(),
            ["person"] = PersonId.ToString(),
            ["event"] = Event,
            ["custodian"] = Custodian,
            ["placeKind"] = PlaceKind,
            ["legalAuthority"] = LegalAuthority,
            ["funder"] = Funder,
            ["occurredAt"] = Instants.ToText(OccurredAt),
        };
        void Optional(string name, string? value)
        {
            if (value is not null)
            {
                payload[name] = value;
            }
        }
        Optional("onBehalfOf", OnBehalfOf);
        Optional("facility", FacilityId);
        Optional("manifest", ManifestId?.ToString());
        Optional("agreement", AgreementId);
        Optional("note", Note);
        TransferEvents.Apply(state, payload, ledger.Append(LedgerKinds.CustodyRecorded, "person:" + PersonId, payload, actor, OccurredAt));
    }
}
