using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;
using Custody.Transfers;

namespace Custody.Facilities;

/// <summary>
/// The facility register's half of <see cref="TransferEvents"/>: cells, admissions, cell
/// assignments, welfare checks, visits, releases and information restrictions. The same method
/// serves commands and verification.
/// </summary>
internal static class RegisterEvents
{
    /// <exception cref="InvalidOperationException">Not a register entry, or one that does not fit the state.</exception>
    public static void Apply(ITransferState state, JsonObject p, LedgerEntry entry)
    {
        switch (entry.Kind)
        {
            case LedgerKinds.CellRegistered:
                state.Add(new Cell
                {
                    Id = Text(p, "id"),
                    FacilityId = Text(p, "facility"),
                    Unit = Text(p, "unit"),
                    Number = Text(p, "number"),
                    FloorAreaM2 = p["floorAreaM2"]!.GetValue<decimal>(),
                    Shared = p["shared"]!.GetValue<bool>(),
                    Bunks = p["bunks"]!.GetValue<int>(),
                    Toilets = p["toilets"]!.GetValue<int>(),
                    Showers = p["showers"]!.GetValue<int>(),
                    WaterLitresPerDay = p["waterLitresPerDay"]!.GetValue<decimal>(),
                    LightingHours = p["lightingHours"]!.GetValue<int>(),
                    Ventilation = Text(p, "ventilation"),
                    DesignCapacity = p["designCapacity"]!.GetValue<int>(),
                    OperationalCapacity = p["operationalCapacity"]!.GetValue<int>(),
                    Seq = entry.Seq,
                });
                break;
            case LedgerKinds.PersonAdmitted:
                state.Add(new Admission
                {
                    Id = Id(p, "id"),
                    PersonId = Id(p, "person"),
                    FacilityId = Text(p, "facility"),
                    ManifestId = p["manifest"] is { } m ? Guid.Parse(m.GetValue<string>()) : null,
                    AgreementId = Text(p, "agreement"),
                    AdmittedAt = Instants.Parse(Text(p, "admittedAt")),
                    AdmittedBy = entry.Actor,
                    Register = CanonicalJson.ToText(p["register"]!.AsObject()),
                    Revision = 1,
                    LastSeq = entry.Seq,
                });
                break;
            case LedgerKinds.CellAssigned:
                var personId = Id(p, "person");
                var from = Instants.Parse(Text(p, "from"));
                if (state.OpenAssignment(personId) is { } previous)
                {
                    previous.Until = from;
                }
                state.Add(new CellAssignment
                {
                    Id = Id(p, "id"),
                    PersonId = personId,
                    AdmissionId = Id(p, "admission"),
                    CellId = Text(p, "cell"),
                    From = from,
                    AssignedBy = entry.Actor,
                    Finding = p["finding"]?.GetValue<string>(),
                    Seq = entry.Seq,
                });
                break;
            case LedgerKinds.WelfareChecked:
                state.Add(new WelfareCheck
                {
                    Id = Id(p, "id"),
                    PersonId = Id(p, "person"),
                    SeenBy = Text(p, "seenBy"),
                    Role = Text(p, "role"),
                    SeenAt = Instants.Parse(Text(p, "seenAt")),
                    Condition = Text(p, "condition"),
                    PrivateConversation = p["privateConversation"]!.GetValue<bool>(),
                    Notes = p["notes"]?.GetValue<string>(),
                    RecordedBy = entry.Actor,
                    Seq = entry.Seq,
                });
                break;
            case LedgerKinds.VisitRequested:
                state.Add(new AccessVisit
                {
                    Id = Id(p, "id"),
                    PersonId = Id(p, "person"),
                    Visitor = Text(p, "visitor"),
                    Role = Text(p, "role"),
                    RequestedAt = entry.OccurredAt,
                    RequestedBy = entry.Actor,
                    Revision = 1,
                    LastSeq = entry.Seq,
                });
                break;
            case LedgerKinds.VisitDecided:
                var visit = state.FindVisit(Id(p, "id")) ?? throw Missing("visit", p["id"]);
                visit.Status = p["granted"]!.GetValue<bool>() ? "granted" : "denied";
                visit.Reason = p["reason"]?.GetValue<string>();
                visit.DecidedBy = entry.Actor;
                visit.DecidedAt = entry.OccurredAt;
                visit.Revision++;
                visit.LastSeq = entry.Seq;
                break;
            case LedgerKinds.PersonReleased:
                var admission = state.OpenAdmission(Id(p, "person")) ?? throw Missing("open admission of person", p["person"]);
                var at = Instants.Parse(Text(p, "at"));
                admission.EndedAt = at;
                admission.EndKind = Text(p, "kind");
                admission.EndDestination = p["destination"]?.GetValue<string>();
                admission.EndAuthority = p["authority"]?.GetValue<string>();
                admission.EndedBy = entry.Actor;
                admission.Revision++;
                admission.LastSeq = entry.Seq;
                if (state.OpenAssignment(admission.PersonId) is { } open)
                {
                    open.Until = at;
                }
                break;
            case LedgerKinds.InformationRestricted:
                state.Add(new InformationRestriction
                {
                    Id = Id(p, "id"),
                    PersonId = Id(p, "person"),
                    Ground = Text(p, "ground"),
                    RecordedBy = entry.Actor,
                    RecordedAt = entry.OccurredAt,
                    LastSeq = entry.Seq,
                });
                break;
            case LedgerKinds.InformationRestrictionLifted:
                var restriction = state.FindRestriction(Id(p, "id")) ?? throw Missing("restriction", p["id"]);
                restriction.LiftedAt = entry.OccurredAt;
                restriction.LastSeq = entry.Seq;
                break;
            case LedgerKinds.InspectionRecorded:
                var inspectionId = Id(p, "id");
                var findings = p["findings"]!.AsArray();
                state.Add(new Inspection
                {
                    Id = inspectionId,
                    FacilityId = Text(p, "facility"),
                    CellId = Text(p, "cell"),
                    InspectedAt = Instants.Parse(Text(p, "inspectedAt")),
                    Inspector = entry.Actor,
                    Measurements = CanonicalJson.ToText(p["measurements"]!.AsObject()),
                    Findings = CanonicalJson.ToText(findings),
                    FindingCount = findings.Count,
                    Seq = entry.Seq,
                });
                foreach (var action in p["actions"]!.AsArray())
                {
                    state.Add(new FollowUpAction
                    {
                        Id = Guid.Parse(action!["id"]!.GetValue<string>()),
                        InspectionId = inspectionId,
                        FacilityId = Text(p, "facility"),
                        Description = action["description"]!.GetValue<string>(),
                        Owner = action["owner"]!.GetValue<string>(),
                        Deadline = Instants.ParseDate(action["deadline"]!.GetValue<string>()),
                        Revision = 1,
                        LastSeq = entry.Seq,
                    });
                }
                break;
            case LedgerKinds.InspectionActionCompleted:
                var completed = state.FindAction(Id(p, "id")) ?? throw Missing("follow-up action", p["id"]);
                completed.CompletedAt = entry.OccurredAt;
                completed.CompletedBy = entry.Actor;
                completed.Revision++;
                completed.LastSeq = entry.Seq;
                break;
            case LedgerKinds.PaymentHoldPlaced:
                state.Add(new Billing.PaymentHold
                {
                    Id = Id(p, "id"),
                    AgreementId = Text(p, "agreement"),
                    PersonId = p["person"] is { } holdPerson ? Guid.Parse(holdPerson.GetValue<string>()) : null,
                    From = Instants.ParseDate(Text(p, "from")),
                    Reason = Text(p, "reason"),
                    PlacedBy = entry.Actor,
                    PlacedAt = entry.OccurredAt,
                    Revision = 1,
                    LastSeq = entry.Seq,
                });
                break;
            case LedgerKinds.PaymentHoldLifted:
                var hold = state.FindHold(Id(p, "id")) ?? throw Missing("payment hold", p["id"]);
                hold.LiftedOn = Instants.ParseDate(Text(p, "liftedOn"));
                hold.LiftedBy = entry.Actor;
                hold.Revision++;
                hold.LastSeq = entry.Seq;
                break;
            case LedgerKinds.InvoiceIssued:
                state.Add(new Billing.Invoice
                {
                    Id = Id(p, "id"),
                    Number = Text(p, "number"),
                    AgreementId = Text(p, "agreement"),
                    Month = Text(p, "month"),
                    Currency = Text(p, "currency"),
                    Total = decimal.Parse(Text(p, "total"), System.Globalization.CultureInfo.InvariantCulture),
                    PayableDays = p["payableDays"]!.GetValue<int>(),
                    WithheldDays = p["withheldDays"]!.GetValue<int>(),
                    Document = CanonicalJson.ToText(p["document"]!.AsObject()),
                    IssuedBy = entry.Actor,
                    IssuedAt = entry.OccurredAt,
                    Seq = entry.Seq,
                });
                break;
            case LedgerKinds.DisputeRaised:
                state.Add(new Billing.Dispute
                {
                    Id = Id(p, "id"),
                    InvoiceId = Id(p, "invoice"),
                    ExternalId = p["externalId"]?.GetValue<string>(),
                    Reason = Text(p, "reason"),
                    RaisedBy = entry.Actor,
                    RaisedAt = entry.OccurredAt,
                    Revision = 1,
                    LastSeq = entry.Seq,
                });
                break;
            case LedgerKinds.DisputeResolved:
                var dispute = state.FindDispute(Id(p, "id")) ?? throw Missing("dispute", p["id"]);
                dispute.Status = p["upheld"]!.GetValue<bool>() ? "upheld" : "rejected";
                dispute.Resolution = Text(p, "resolution");
                dispute.ResolvedBy = entry.Actor;
                dispute.ResolvedAt = entry.OccurredAt;
                dispute.Revision++;
                dispute.LastSeq = entry.Seq;
                break;
            case LedgerKinds.CreditNoteIssued:
                state.Add(new Billing.CreditNote
                {
                    Id = Id(p, "id"),
                    Number = Text(p, "number"),
                    InvoiceId = Id(p, "invoice"),
                    DisputeId = p["dispute"] is { } d ? Guid.Parse(d.GetValue<string>()) : null,
                    Amount = decimal.Parse(Text(p, "amount"), System.Globalization.CultureInfo.InvariantCulture),
                    Reason = Text(p, "reason"),
                    IssuedBy = entry.Actor,
                    IssuedAt = entry.OccurredAt,
                    Seq = entry.Seq,
                });
                break;
            case LedgerKinds.PaymentRecorded:
                state.Add(new Billing.Payment
                {
                    Id = Id(p, "id"),
                    InvoiceId = Id(p, "invoice"),
                    Amount = decimal.Parse(Text(p, "amount"), System.Globalization.CultureInfo.InvariantCulture),
                    PaidOn = Instants.ParseDate(Text(p, "paidOn")),
                    Reference = Text(p, "reference"),
                    RecordedBy = entry.Actor,
                    RecordedAt = entry.OccurredAt,
                    Seq = entry.Seq,
                });
                break;
            default:
                throw new InvalidOperationException($"{entry.Kind} is not a transfer or register entry");
        }
    }

    private static Guid Id(JsonObject p, string name) => Guid.Parse(Text(p, name));

    private static string Text(JsonObject p, string name) => p[name]!.GetValue<string>();

    private static InvalidOperationException Missing(string what, object? key) => new($"{what} {key} does not exist");
}
