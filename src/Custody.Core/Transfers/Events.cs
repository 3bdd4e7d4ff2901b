using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Transfers;

/// <summary>A movement (flight or convoy) is planned under an agreement, from a sending-state facility to a receiving-state one.</summary>
public sealed record ManifestCreated(Guid Id, string Agreement, string Carrier, string Movement, string Origin, string Destination, DateTime ScheduledDeparture,
    string? Direction = null) : ILedgerEvent<ManifestCreated>
{
    public static string EntryKind => "manifest.created";

    public string Subject() => "manifest:" + Id;
}

/// <summary>A person is put on a draft manifest as principal or alternate (screened at nomination).</summary>
public sealed record ManifestPersonAdded(Guid Manifest, Guid Person, string Role) : ILedgerEvent<ManifestPersonAdded>
{
    public static string EntryKind => "manifest.person-added";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>A person is taken off a draft manifest, and why.</summary>
public sealed record ManifestPersonRemoved(Guid Manifest, Guid Person, string Reason) : ILedgerEvent<ManifestPersonRemoved>
{
    public static string EntryKind => "manifest.person-removed";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>The manifest is locked: everyone on it was screened eligible and the agreement's person cap holds.</summary>
public sealed record ManifestLocked(Guid Manifest) : ILedgerEvent<ManifestLocked>
{
    public static string EntryKind => "manifest.locked";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>A locked manifest goes back to draft, and why.</summary>
public sealed record ManifestUnlocked(Guid Manifest, string Reason) : ILedgerEvent<ManifestUnlocked>
{
    public static string EntryKind => "manifest.unlocked";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>An alternate replaces a principal, approved by the supervisor who records it, after a fresh screening.</summary>
public sealed record ManifestSubstituted(Guid Manifest, Guid Out, Guid In, string Reason) : ILedgerEvent<ManifestSubstituted>
{
    public static string EntryKind => "manifest.substituted";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>Boarding: boarded (identity checked against a verified identifier), no-show or refused (with why).</summary>
public sealed record ManifestBoardingRecorded(Guid Manifest, Guid Person, string Outcome, string? Identifier = null, string? Reason = null)
    : ILedgerEvent<ManifestBoardingRecorded>
{
    public static string EntryKind => "manifest.boarding-recorded";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>A person is taken off the movement before departure, and why.</summary>
public sealed record ManifestPersonDisembarked(Guid Manifest, Guid Person, string Reason) : ILedgerEvent<ManifestPersonDisembarked>
{
    public static string EntryKind => "manifest.person-disembarked";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>The movement left through the departure gate (the entry's occurredAt is the departure).</summary>
public sealed record ManifestDeparted(Guid Manifest) : ILedgerEvent<ManifestDeparted>
{
    public static string EntryKind => "manifest.departed";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>The movement arrived at the receiving facility (the entry's occurredAt is the arrival).</summary>
public sealed record ManifestArrived(Guid Manifest) : ILedgerEvent<ManifestArrived>
{
    public static string EntryKind => "manifest.arrived";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>The sending state's official hands a person over (the first of the two acknowledgements).</summary>
public sealed record ManifestPersonDispatched(Guid Manifest, Guid Person) : ILedgerEvent<ManifestPersonDispatched>
{
    public static string EntryKind => "manifest.person-dispatched";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>The receiving official, another person, acknowledges receipt: the hand-over is complete.</summary>
public sealed record ManifestPersonReceived(Guid Manifest, Guid Person) : ILedgerEvent<ManifestPersonReceived>
{
    public static string EntryKind => "manifest.person-received";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>A discrepancy found in a movement, recorded as found, never smoothed over.</summary>
public sealed record ManifestDiscrepancyRecorded(Guid Id, Guid Manifest, string Kind, string Note, Guid? Person = null) : ILedgerEvent<ManifestDiscrepancyRecorded>
{
    public static string EntryKind => "manifest.discrepancy-recorded";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>Someone on a locked or moving manifest is now blocked: must-disembark before departure, return-required after.</summary>
public sealed record ManifestAlertRaised(Guid Manifest, Guid Person, string Alert, IReadOnlyList<string> Reasons) : ILedgerEvent<ManifestAlertRaised>
{
    public static string EntryKind => "manifest.alert-raised";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>The person screens eligible again: the alert is cleared.</summary>
public sealed record ManifestAlertCleared(Guid Manifest, Guid Person) : ILedgerEvent<ManifestAlertCleared>
{
    public static string EntryKind => "manifest.alert-cleared";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>A person held pending return on this movement was handed back to the sending state by a return movement.</summary>
public sealed record ManifestPersonReturned(Guid Manifest, Guid Person, Guid ReturnManifest) : ILedgerEvent<ManifestPersonReturned>
{
    public static string EntryKind => "manifest.person-returned";

    public string Subject() => "manifest:" + Manifest;
}

/// <summary>
/// A new custody record supersedes the person's current one (invariants 1–2): custodian, on whose
/// behalf, place, legal authority, funder, and when it happened.
/// </summary>
public sealed record CustodyRecorded(Guid Id, Guid Person, string Event, string Custodian, string PlaceKind, string LegalAuthority, string Funder, DateTime OccurredAt,
    string? OnBehalfOf = null, string? Facility = null, Guid? Manifest = null, string? Agreement = null, string? Note = null) : ILedgerEvent<CustodyRecorded>
{
    public static string EntryKind => "custody.recorded";

    public string Subject() => "person:" + Person;
}

/// <summary>An incident in transit or in a facility (invariant 6 for death, disappearance, serious injury); a death records circumstances, cause and remains.</summary>
public sealed record IncidentRecorded(Guid Id, string Kind, DateTime OccurredAt, string Details, Guid? Manifest = null, string? Facility = null, Guid? Person = null,
    string? Circumstances = null, string? Cause = null, string? RemainsDestination = null) : ILedgerEvent<IncidentRecorded>
{
    public static string EntryKind => "incident.recorded";

    public string Subject() => Manifest is { } manifest ? "manifest:" + manifest : Person is { } person ? "person:" + person : "facility:" + Facility;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(ManifestCreated))]
[JsonSerializable(typeof(ManifestPersonAdded))]
[JsonSerializable(typeof(ManifestPersonRemoved))]
[JsonSerializable(typeof(ManifestLocked))]
[JsonSerializable(typeof(ManifestUnlocked))]
[JsonSerializable(typeof(ManifestSubstituted))]
[JsonSerializable(typeof(ManifestBoardingRecorded))]
[JsonSerializable(typeof(ManifestPersonDisembarked))]
[JsonSerializable(typeof(ManifestDeparted))]
[JsonSerializable(typeof(ManifestArrived))]
[JsonSerializable(typeof(ManifestPersonDispatched))]
[JsonSerializable(typeof(ManifestPersonReceived))]
[JsonSerializable(typeof(ManifestDiscrepancyRecorded))]
[JsonSerializable(typeof(ManifestAlertRaised))]
[JsonSerializable(typeof(ManifestAlertCleared))]
[JsonSerializable(typeof(ManifestPersonReturned))]
[JsonSerializable(typeof(CustodyRecorded))]
[JsonSerializable(typeof(IncidentRecorded))]
internal sealed partial class TransfersEventsJson : JsonSerializerContext;
