using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;

namespace Custody.Transfers;

/// <summary>
/// Where and under whom a person is, from when, by what authority, paid by whom (DOMAIN.md
/// invariants 1–2). A person has exactly one current record: each new record supersedes the one
/// before (which keeps its content and gains only its end), so history is never rewritten.
/// The first record comes with the person's registration: the sending state's case system is the
/// only source of where they are until Custody moves them.
/// </summary>
public sealed class CustodyRecord
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>1 for the record made at registration, then one more for each change.</summary>
    public int Number { get; set; }

    /// <summary>What happened: one of <see cref="CustodyEvents"/>.</summary>
    public string Event { get; set; } = "";

    /// <summary>ISO code of the state holding the person, or <see cref="SendingState"/> before an agreement names it.</summary>
    public string Custodian { get; set; } = "";

    /// <summary>The state for whom the custodian holds the person (constructive custody), if not itself.</summary>
    public string? OnBehalfOf { get; set; }

    /// <summary>One of <see cref="CustodyPlaces"/>.</summary>
    public string PlaceKind { get; set; } = "";

    public string? FacilityId { get; set; }

    public Guid? ManifestId { get; set; }

    /// <summary>The agreement the person is held under, once transferred under one.</summary>
    public string? AgreementId { get; set; }

    /// <summary>The legal authority for the detention (e.g. the removal order's authority, or the agreement).</summary>
    public string LegalAuthority { get; set; } = "";

    /// <summary>Who pays for the detention (a state code, or <see cref="SendingState"/>).</summary>
    public string Funder { get; set; } = "";

    public string? Note { get; set; }

    public DateTime OccurredAt { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>When the next record took over; null while current.</summary>
    public DateTime? EndedAt { get; set; }

    public bool IsCurrent { get; set; }

    public long Seq { get; set; }

    /// <summary>Stands for the sending state before an agreement names it (a bundle does not).</summary>
    public const string SendingState = "sending-state";

    /// <summary>The record that registration implies: held by the sending state where its case system says.</summary>
    public static CustodyRecord Initial(Guid personId, JsonObject facts, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(entry);
        return new CustodyRecord
        {
            Id = InitialId(personId),
            PersonId = personId,
            Number = 1,
            Event = CustodyEvents.Registered,
            Custodian = SendingState,
            PlaceKind = CustodyPlaces.CaseSystem,
            LegalAuthority = facts["removalOrder"]?["authority"]?.GetValue<string>() ?? "none-recorded",
            Funder = SendingState,
            OccurredAt = entry.OccurredAt,
            RecordedAt = entry.RecordedAt,
            IsCurrent = true,
            Seq = entry.Seq,
        };
    }

    /// <summary>The first record's id, derived from the person's so that registration needs no extra payload.</summary>
    public static Guid InitialId(Guid personId)
    {
        Span<byte> bytes = stackalloc byte[16];
        personId.TryWriteBytes(bytes);
        bytes[15] ^= 0xC1; // distinct from the person's id, still unique per person
        return new Guid(bytes);
    }

    /// <summary>The record a <c>custody.recorded</c> entry writes: the event is the record.</summary>
    public static CustodyRecord Recorded(CustodyRecorded e, int number, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(entry);
        return new CustodyRecord
        {
            Id = e.Id,
            PersonId = e.Person,
            Number = number,
            Event = e.Event,
            Custodian = e.Custodian,
            OnBehalfOf = e.OnBehalfOf,
            PlaceKind = e.PlaceKind,
            FacilityId = e.Facility,
            ManifestId = e.Manifest,
            AgreementId = e.Agreement,
            LegalAuthority = e.LegalAuthority,
            Funder = e.Funder,
            Note = e.Note,
            OccurredAt = e.OccurredAt,
            RecordedAt = entry.RecordedAt,
            IsCurrent = true,
            Seq = entry.Seq,
        };
    }

    /// <summary>Ends this record when <paramref name="next"/> takes over.</summary>
    public void SupersededBy(CustodyRecord next)
    {
        ArgumentNullException.ThrowIfNull(next);
        IsCurrent = false;
        EndedAt = next.OccurredAt;
    }
}

/// <summary>What a custody record says happened. Stable strings: they are ledgered.</summary>
public static class CustodyEvents
{
    public const string Registered = "registered";
    public const string Boarded = "boarded";
    public const string Disembarked = "disembarked";
    public const string HandedOver = "handed-over";
    public const string Escaped = "escaped";
    public const string Died = "died";
    public const string Released = "released";
    public const string Returned = "returned";
    public const string TransferredOnward = "transferred-onward";
    public const string TakenToHospital = "taken-to-hospital";
    public const string BackFromHospital = "back-from-hospital";
}


/// <summary>Kinds of place a custody record can name.</summary>
public static class CustodyPlaces
{
    /// <summary>Held by the sending state where its case system records (before Custody moves the person).</summary>
    public const string CaseSystem = "case-system";
    public const string Facility = "facility";
    /// <summary>In transit on a manifest (flight or convoy).</summary>
    public const string Manifest = "manifest";
    /// <summary>Escaped: the custodian remains responsible, the place is unknown.</summary>
    public const string AtLarge = "at-large";
    public const string Deceased = "deceased";
    /// <summary>Out of custody: released at the recorded place by the recorded authority.</summary>
    public const string Released = "released";
    /// <summary>Being returned to the sending state (its custody).</summary>
    public const string Returned = "returned";
    /// <summary>Handed to another state or authority, named in the record.</summary>
    public const string TransferredOnward = "transferred-onward";
    /// <summary>In a hospital (named in the note) under the escort of the facility named, still on its register.</summary>
    public const string Hospital = "hospital";

    /// <summary>Places where the person is no longer held by anyone (the locator says "not in custody").</summary>
    public static bool OutOfCustody(string placeKind) => placeKind is Deceased or Released;
}
