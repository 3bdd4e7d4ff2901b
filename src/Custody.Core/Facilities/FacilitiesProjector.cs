using System.Text.Json;
using Custody.Ledger;

namespace Custody.Facilities;

/// <summary>
/// The facility register's events applied to its tables: facilities, cells, admissions, cell
/// assignments, welfare checks, visits, releases, information restrictions and inspections. The
/// same methods serve commands and verification.
/// </summary>
public static class FacilitiesProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<Facility>()
            .Projects<Cell>()
            .Projects<Admission>()
            .Projects<CellAssignment>()
            .Projects<WelfareCheck>()
            .Projects<AccessVisit>()
            .Projects<InformationRestriction>()
            .Projects<Inspection>()
            .Projects<FollowUpAction>()
            .On<FacilityRegistered>(Apply)
            .On<FacilityUpdated>(Apply)
            .On<CellRegistered>(Apply)
            .On<PersonAdmitted>(Apply)
            .On<CellAssigned>(Apply)
            .On<WelfareChecked>(Apply)
            .On<VisitRequested>(Apply)
            .On<VisitDecided>(Apply)
            .On<PersonReleased>(Apply)
            .On<InformationRestricted>(Apply)
            .On<InformationRestrictionLifted>(Apply)
            .On<InformationRestrictionReviewRequested>(Apply)
            .On<InspectionRecorded>(Apply)
            .On<InspectionActionCompleted>(Apply);
    }

    private static void Apply(FacilityRegistered e, LedgerEntry entry, IProjectionStore store) => store.Add(Facility.Register(e, entry));

    private static void Apply(FacilityUpdated e, LedgerEntry entry, IProjectionStore store) =>
        (store.Find<Facility>(e.Id) ?? throw Missing("facility", e.Id)).Update(e, entry);

    private static void Apply(CellRegistered e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new Cell
        {
            Id = e.Id,
            FacilityId = e.Facility,
            Unit = e.Unit,
            Number = e.Number,
            FloorAreaM2 = e.FloorAreaM2,
            Shared = e.Shared,
            Bunks = e.Bunks,
            Toilets = e.Toilets,
            Showers = e.Showers,
            WaterLitresPerDay = e.WaterLitresPerDay,
            LightingHours = e.LightingHours,
            Ventilation = e.Ventilation,
            DesignCapacity = e.DesignCapacity,
            OperationalCapacity = e.OperationalCapacity,
            Seq = entry.Seq,
        });

    private static void Apply(PersonAdmitted e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new Admission
        {
            Id = e.Id,
            PersonId = e.Person,
            FacilityId = e.Facility,
            ManifestId = e.Manifest,
            AgreementId = e.Agreement,
            AdmittedAt = e.AdmittedAt,
            AdmittedBy = entry.Actor,
            Register = CanonicalJson.ToText(e.Register),
            Revision = 1,
            LastSeq = entry.Seq,
        });

    private static void Apply(CellAssigned e, LedgerEntry entry, IProjectionStore store)
    {
        if (store.OpenAssignment(e.Person) is { } previous)
        {
            previous.Until = e.From;
        }
        store.Add(new CellAssignment
        {
            Id = e.Id,
            PersonId = e.Person,
            AdmissionId = e.Admission,
            CellId = e.Cell,
            From = e.From,
            AssignedBy = entry.Actor,
            Finding = e.Finding,
            Seq = entry.Seq,
        });
    }

    private static void Apply(WelfareChecked e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new WelfareCheck
        {
            Id = e.Id,
            PersonId = e.Person,
            SeenBy = e.SeenBy,
            Role = e.Role,
            SeenAt = e.SeenAt,
            Condition = e.Condition,
            PrivateConversation = e.PrivateConversation,
            Notes = e.Notes,
            IdentityConfirmedBy = e.IdentityConfirmedBy,
            RecordedAt = entry.RecordedAt,
            Late = IsLate(e.SeenAt, entry.RecordedAt),
            Payable = WelfareCheck.MakesDaysPayable(e.Role, e.IdentityConfirmedBy, IsLate(e.SeenAt, entry.RecordedAt)),
            RecordedBy = entry.Actor,
            Seq = entry.Seq,
        });

    private static bool IsLate(DateTime seenAt, DateTime recordedAt) => seenAt < recordedAt.AddHours(-WelfareCheck.LateAfterHours);

    private static void Apply(VisitRequested e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new AccessVisit
        {
            Id = e.Id,
            PersonId = e.Person,
            Visitor = e.Visitor,
            Role = e.Role,
            RequestedAt = entry.OccurredAt,
            RequestedBy = entry.Actor,
            Revision = 1,
            LastSeq = entry.Seq,
        });

    private static void Apply(VisitDecided e, LedgerEntry entry, IProjectionStore store)
    {
        var visit = store.Find<AccessVisit>(e.Id) ?? throw Missing("visit", e.Id);
        visit.Status = e.Granted ? "granted" : "denied";
        visit.Reason = e.Reason;
        visit.DecidedBy = entry.Actor;
        visit.DecidedAt = entry.OccurredAt;
        visit.Revision++;
        visit.LastSeq = entry.Seq;
    }

    private static void Apply(PersonReleased e, LedgerEntry entry, IProjectionStore store)
    {
        var admission = store.OpenAdmission(e.Person) ?? throw Missing("open admission of person", e.Person);
        admission.EndedAt = e.At;
        admission.EndKind = e.Kind;
        admission.EndDestination = e.Destination;
        admission.EndAuthority = e.Authority;
        admission.EndedBy = entry.Actor;
        admission.Revision++;
        admission.LastSeq = entry.Seq;
        if (store.OpenAssignment(admission.PersonId) is { } open)
        {
            open.Until = e.At;
        }
    }

    private static void Apply(InformationRestricted e, LedgerEntry entry, IProjectionStore store) =>
        store.Add(new InformationRestriction
        {
            Id = e.Id,
            PersonId = e.Person,
            Ground = e.Ground,
            Authority = e.Authority,
            ReviewBy = e.ReviewBy,
            RecordedBy = entry.Actor,
            RecordedAt = entry.OccurredAt,
            LastSeq = entry.Seq,
        });

    private static void Apply(InformationRestrictionLifted e, LedgerEntry entry, IProjectionStore store)
    {
        var restriction = store.Find<InformationRestriction>(e.Id) ?? throw Missing("restriction", e.Id);
        restriction.LiftedAt = entry.OccurredAt;
        restriction.LiftedBy = entry.Actor;
        restriction.LiftReason = e.Reason;
        restriction.LastSeq = entry.Seq;
    }

    private static void Apply(InformationRestrictionReviewRequested e, LedgerEntry entry, IProjectionStore store)
    {
        var restriction = store.Find<InformationRestriction>(e.Id) ?? throw Missing("restriction", e.Id);
        restriction.ReviewProceedingId = e.Proceeding;
        restriction.ReviewCourt = e.Court;
        restriction.LastSeq = entry.Seq;
    }

    private static void Apply(InspectionRecorded e, LedgerEntry entry, IProjectionStore store)
    {
        store.Add(new Inspection
        {
            Id = e.Id,
            FacilityId = e.Facility,
            CellId = e.Cell,
            InspectedAt = e.InspectedAt,
            Inspector = entry.Actor,
            Measurements = CanonicalJson.ToText(e.Measurements),
            // As the command computed them, in the inspection JSON the views read back.
            Findings = CanonicalJson.ToText(JsonSerializer.SerializeToNode(e.Findings, InspectionJson.Options)),
            FindingCount = e.Findings.Count,
            Seq = entry.Seq,
        });
        foreach (var action in e.Actions)
        {
            store.Add(new FollowUpAction
            {
                Id = action.Id,
                InspectionId = e.Id,
                FacilityId = e.Facility,
                Description = action.Description,
                Owner = action.Owner,
                Deadline = action.Deadline,
                Revision = 1,
                LastSeq = entry.Seq,
            });
        }
    }

    private static void Apply(InspectionActionCompleted e, LedgerEntry entry, IProjectionStore store)
    {
        var completed = store.Find<FollowUpAction>(e.Id) ?? throw Missing("follow-up action", e.Id);
        completed.CompletedAt = entry.OccurredAt;
        completed.CompletedBy = entry.Actor;
        completed.Revision++;
        completed.LastSeq = entry.Seq;
    }

    private static InvalidOperationException Missing(string what, object key) => new($"{what} {key} does not exist");
}
