using Custody.Ledger;

namespace Custody.Transfers;

/// <summary>
/// Applies the transfer events to manifests, the people on them, discrepancies, custody records and
/// incidents. Commands refuse impossible steps before they record; here an event that does not fit
/// the state is a corrupt or reordered ledger.
/// </summary>
public static class TransfersProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Projects<Manifest>().Projects<ManifestPerson>().Projects<ManifestDiscrepancy>().Projects<CustodyRecord>().Projects<Incident>()
            .On<ManifestCreated>(Apply)
            .On<ManifestPersonAdded>(Apply)
            .On<ManifestPersonRemoved>(Apply)
            .On<ManifestLocked>(Apply)
            .On<ManifestUnlocked>(Apply)
            .On<ManifestSubstituted>(Apply)
            .On<ManifestBoardingRecorded>(Apply)
            .On<ManifestPersonDisembarked>(Apply)
            .On<ManifestDeparted>(Apply)
            .On<ManifestArrived>(Apply)
            .On<ManifestPersonDispatched>(Apply)
            .On<ManifestPersonReceived>(Apply)
            .On<ManifestDiscrepancyRecorded>(Apply)
            .On<ManifestAlertRaised>(Apply)
            .On<ManifestAlertCleared>(Apply)
            .On<ManifestPersonReturned>(Apply)
            .On<CustodyRecorded>(Apply)
            .On<IncidentRecorded>(Apply);
    }

    private static void Apply(ManifestCreated e, LedgerEntry entry, IProjectionStore store) => store.Add(new Manifest
    {
        Id = e.Id,
        AgreementId = e.Agreement,
        Carrier = e.Carrier,
        Movement = e.Movement,
        OriginFacilityId = e.Origin,
        DestinationFacilityId = e.Destination,
        Direction = e.Direction ?? ManifestDirections.Transfer,
        ScheduledDeparture = e.ScheduledDeparture,
        CreatedBy = entry.Actor,
        CreatedAt = entry.OccurredAt,
        Revision = 1,
        LastSeq = entry.Seq,
    });

    private static void Apply(ManifestPersonAdded e, LedgerEntry entry, IProjectionStore store)
    {
        Touch(ManifestOf(store, e.Manifest), entry);
        store.Add(new ManifestPerson
        {
            ManifestId = e.Manifest,
            PersonId = e.Person,
            Role = e.Role,
            AddedAt = entry.OccurredAt,
            AddedBy = entry.Actor,
            Revision = 1,
            LastSeq = entry.Seq,
        });
    }

    private static void Apply(ManifestPersonRemoved e, LedgerEntry entry, IProjectionStore store)
    {
        SetStatus(PersonOn(store, e.Manifest, e.Person), ManifestPersonStatuses.Removed, e.Reason, entry);
        Touch(ManifestOf(store, e.Manifest), entry);
    }

    private static void Apply(ManifestLocked e, LedgerEntry entry, IProjectionStore store)
    {
        var manifest = ManifestOf(store, e.Manifest);
        manifest.Status = ManifestStatuses.Locked;
        manifest.LockedBy = entry.Actor;
        manifest.LockedAt = entry.OccurredAt;
        manifest.UnlockReason = null;
        Touch(manifest, entry);
    }

    private static void Apply(ManifestUnlocked e, LedgerEntry entry, IProjectionStore store)
    {
        var manifest = ManifestOf(store, e.Manifest);
        manifest.Status = ManifestStatuses.Draft;
        manifest.UnlockReason = e.Reason;
        Touch(manifest, entry);
    }

    private static void Apply(ManifestSubstituted e, LedgerEntry entry, IProjectionStore store)
    {
        var outgoing = PersonOn(store, e.Manifest, e.Out);
        var incoming = PersonOn(store, e.Manifest, e.In);
        SetStatus(outgoing, ManifestPersonStatuses.SubstitutedOut, e.Reason, entry);
        outgoing.SubstitutionOf = incoming.PersonId;
        outgoing.SubstitutionApprovedBy = entry.Actor;
        incoming.Role = ManifestRoles.Principal;
        incoming.SubstitutionOf = outgoing.PersonId;
        incoming.SubstitutionApprovedBy = entry.Actor;
        Touch(incoming, entry);
        Touch(ManifestOf(store, e.Manifest), entry);
    }

    private static void Apply(ManifestBoardingRecorded e, LedgerEntry entry, IProjectionStore store)
    {
        var person = PersonOn(store, e.Manifest, e.Person);
        SetStatus(person, e.Outcome, e.Reason, entry);
        person.IdentityCheckedAgainst = e.Identifier;
    }

    private static void Apply(ManifestPersonDisembarked e, LedgerEntry entry, IProjectionStore store)
    {
        var person = PersonOn(store, e.Manifest, e.Person);
        SetStatus(person, ManifestPersonStatuses.Disembarked, e.Reason, entry);
        ClearAlert(person);
    }

    private static void Apply(ManifestDeparted e, LedgerEntry entry, IProjectionStore store)
    {
        var manifest = ManifestOf(store, e.Manifest);
        manifest.Status = ManifestStatuses.Departed;
        manifest.DepartedAt = entry.OccurredAt;
        manifest.DepartedBy = entry.Actor;
        Touch(manifest, entry);
    }

    private static void Apply(ManifestArrived e, LedgerEntry entry, IProjectionStore store)
    {
        var manifest = ManifestOf(store, e.Manifest);
        manifest.Status = ManifestStatuses.Arrived;
        manifest.ArrivedAt = entry.OccurredAt;
        manifest.ArrivedBy = entry.Actor;
        Touch(manifest, entry);
    }

    private static void Apply(ManifestPersonDispatched e, LedgerEntry entry, IProjectionStore store)
    {
        var person = PersonOn(store, e.Manifest, e.Person);
        person.Status = ManifestPersonStatuses.Dispatched;
        person.DispatchedBy = entry.Actor;
        person.DispatchedAt = entry.OccurredAt;
        Touch(person, entry);
    }

    private static void Apply(ManifestPersonReceived e, LedgerEntry entry, IProjectionStore store)
    {
        var person = PersonOn(store, e.Manifest, e.Person);
        person.Status = ManifestPersonStatuses.HandedOver;
        person.ReceivedBy = entry.Actor;
        person.ReceivedAt = entry.OccurredAt;
        Touch(person, entry);
    }

    private static void Apply(ManifestDiscrepancyRecorded e, LedgerEntry entry, IProjectionStore store)
    {
        Touch(ManifestOf(store, e.Manifest), entry);
        store.Add(new ManifestDiscrepancy
        {
            Id = e.Id,
            ManifestId = e.Manifest,
            PersonId = e.Person,
            Kind = e.Kind,
            Note = e.Note,
            RecordedBy = entry.Actor,
            RecordedAt = entry.OccurredAt,
            Seq = entry.Seq,
        });
    }

    private static void Apply(ManifestAlertRaised e, LedgerEntry entry, IProjectionStore store)
    {
        var person = PersonOn(store, e.Manifest, e.Person);
        person.Alert = e.Alert;
        person.AlertRaisedAt = entry.OccurredAt;
        person.AlertReasons = string.Join(' ', e.Reasons);
        Touch(person, entry);
    }

    private static void Apply(ManifestAlertCleared e, LedgerEntry entry, IProjectionStore store)
    {
        var person = PersonOn(store, e.Manifest, e.Person);
        ClearAlert(person);
        Touch(person, entry);
    }

    private static void Apply(ManifestPersonReturned e, LedgerEntry entry, IProjectionStore store)
    {
        var person = PersonOn(store, e.Manifest, e.Person);
        SetStatus(person, ManifestPersonStatuses.Returned, "return movement " + e.ReturnManifest, entry);
        ClearAlert(person);
    }

    private static void Apply(CustodyRecorded e, LedgerEntry entry, IProjectionStore store)
    {
        var previous = store.CurrentCustody(e.Person) ?? throw new InvalidOperationException($"person {e.Person} has no current custody record");
        var next = CustodyRecord.Recorded(e, previous.Number + 1, entry);
        previous.SupersededBy(next);
        store.Add(next);
    }

    private static void Apply(IncidentRecorded e, LedgerEntry entry, IProjectionStore store)
    {
        store.Add(new Incident
        {
            Id = e.Id,
            Kind = e.Kind,
            ManifestId = e.Manifest,
            FacilityId = e.Facility,
            PersonId = e.Person,
            OccurredAt = e.OccurredAt,
            Details = e.Details,
            Circumstances = e.Circumstances,
            Cause = e.Cause,
            RemainsDestination = e.RemainsDestination,
            RecordedBy = entry.Actor,
            RecordedAt = entry.RecordedAt,
            Seq = entry.Seq,
        });
        // Someone who dies or escapes in transit is lost to the movement.
        if (e is { Manifest: { } manifest, Person: { } person, Kind: Incident.Death or Incident.Escape })
        {
            SetStatus(PersonOn(store, manifest, person), ManifestPersonStatuses.Lost, null, entry);
        }
    }

    /// <summary>Records the screening snapshot of someone on a manifest (a screening.decided entry that names a manifest).</summary>
    internal static void Screened(ManifestPerson person, DateTime at, string outcome, IReadOnlyList<string> reasons, LedgerEntry entry)
    {
        person.ScreenedAt = at;
        person.ScreeningOutcome = outcome;
        person.ScreeningReasons = string.Join(' ', reasons);
        Touch(person, entry);
    }

    internal static ManifestPerson PersonOn(IProjectionStore store, Guid manifest, Guid person) =>
        store.Find<ManifestPerson>(manifest, person) ?? throw new InvalidOperationException($"person {person} is not on manifest {manifest}");

    private static Manifest ManifestOf(IProjectionStore store, Guid id) =>
        store.Find<Manifest>(id) ?? throw new InvalidOperationException($"manifest {id} does not exist");

    private static void SetStatus(ManifestPerson person, string status, string? reason, LedgerEntry entry)
    {
        person.Status = status;
        person.StatusReason = reason;
        person.StatusAt = entry.OccurredAt;
        person.StatusBy = entry.Actor;
        Touch(person, entry);
    }

    private static void ClearAlert(ManifestPerson person)
    {
        person.Alert = null;
        person.AlertRaisedAt = null;
        person.AlertReasons = "";
    }

    private static void Touch(Manifest manifest, LedgerEntry entry)
    {
        manifest.Revision++;
        manifest.LastSeq = entry.Seq;
    }

    private static void Touch(ManifestPerson person, LedgerEntry entry)
    {
        person.Revision++;
        person.LastSeq = entry.Seq;
    }
}
