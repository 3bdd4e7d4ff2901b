using Custody.Agreements;
using Custody.CourtOrders;
using Custody.People;

namespace Custody.Ledger;


/// <summary>
/// The state tables rebuilt from the ledger alone, by the same entity methods the commands use
/// when they write. Verification compares this with the stored tables.
/// </summary>
public sealed class RegisterProjection : Transfers.ITransferState
{
    public Dictionary<string, Facilities.Facility> Facilities { get; } = new(StringComparer.Ordinal);

    public Dictionary<Guid, Transfers.CustodyRecord> CustodyRecords { get; } = [];

    private readonly Dictionary<Guid, Transfers.CustodyRecord> _currentCustody = [];

    public Dictionary<Guid, Transfers.Manifest> Manifests { get; } = [];

    public Dictionary<(Guid Manifest, Guid Person), Transfers.ManifestPerson> ManifestPeople { get; } = [];

    public Dictionary<Guid, Transfers.ManifestDiscrepancy> ManifestDiscrepancies { get; } = [];

    public Dictionary<Guid, Transfers.Incident> Incidents { get; } = [];

    public Dictionary<Guid, Notifications.Notification> Notifications { get; } = [];

    public Dictionary<string, Custody.Facilities.Cell> Cells { get; } = new(StringComparer.Ordinal);

    public Dictionary<Guid, Custody.Facilities.Admission> Admissions { get; } = [];

    public Dictionary<Guid, Custody.Facilities.CellAssignment> CellAssignments { get; } = [];

    public Dictionary<Guid, Custody.Facilities.WelfareCheck> WelfareChecks { get; } = [];

    public Dictionary<Guid, Custody.Facilities.AccessVisit> AccessVisits { get; } = [];

    public Dictionary<Guid, Custody.Facilities.InformationRestriction> InformationRestrictions { get; } = [];

    public Dictionary<Guid, Custody.Facilities.Inspection> Inspections { get; } = [];

    public Dictionary<Guid, Custody.Facilities.FollowUpAction> FollowUpActions { get; } = [];

    public Dictionary<Guid, Billing.PaymentHold> PaymentHolds { get; } = [];

    public Dictionary<Guid, Billing.Invoice> Invoices { get; } = [];

    public Dictionary<Guid, Billing.Dispute> Disputes { get; } = [];

    public Dictionary<Guid, Billing.CreditNote> CreditNotes { get; } = [];

    public Dictionary<Guid, Billing.Payment> Payments { get; } = [];

    public Dictionary<Guid, Person> People { get; } = [];

    public Dictionary<string, ClassOrder> ClassOrders { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Agreement> Agreements { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string AgreementId, int Number), AgreementVersion> AgreementVersions { get; } = [];

    public Dictionary<Guid, EnteredCourtOrder> CourtOrders { get; } = [];

    public Dictionary<Guid, Facts.EnteredFact> EnteredFacts { get; } = [];

    /// <exception cref="ProjectionException">The entry does not fit the state so far.</exception>
    public void Apply(LedgerContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var entry = new LedgerEntry
        {
            Seq = content.Seq,
            OccurredAt = content.OccurredAt,
            RecordedAt = content.RecordedAt,
            Actor = content.Actor,
            Kind = content.Kind,
            Subject = content.Subject,
            Content = [],
            LeafHash = [],
            ChainHash = [],
        };
        var payload = content.Payload;
        try
        {
            switch (content.Kind)
            {
                case LedgerKinds.FacilityRegistered:
                    var facility = Custody.Facilities.Facility.Register(payload, entry);
                    if (!Facilities.TryAdd(facility.Id, facility))
                    {
                        throw new ProjectionException($"facility {facility.Id} is registered twice");
                    }
                    break;
                case LedgerKinds.FacilityUpdated:
                    Find(Facilities, payload["id"]!.GetValue<string>(), "facility").Update(payload, entry);
                    break;
                case var kind when Transfers.TransferEvents.Kinds.Contains(kind) || (kind == LedgerKinds.ScreeningDecided && payload["manifest"] is not null):
                    Transfers.TransferEvents.Apply(this, payload, entry);
                    break;
                default:
                    if (!LedgerKinds.AuditOnly.Contains(content.Kind))
                    {
                        throw new ProjectionException($"unknown entry kind \"{content.Kind}\"");
                    }
                    break;
            }
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException or KeyNotFoundException or System.Text.Json.JsonException or ArgumentException)
        {
            throw new ProjectionException($"payload of {content.Kind} is malformed: {ex.Message}");
        }
    }

    public Transfers.Manifest? FindManifest(Guid id) => Manifests.GetValueOrDefault(id);

    public Transfers.ManifestPerson? FindManifestPerson(Guid manifestId, Guid personId) => ManifestPeople.GetValueOrDefault((manifestId, personId));

    public Transfers.CustodyRecord? CurrentCustody(Guid personId) => _currentCustody.GetValueOrDefault(personId);

    public Notifications.Notification? FindNotification(Guid id) => Notifications.GetValueOrDefault(id);

    public Custody.Facilities.Cell? FindCell(string id) => Cells.GetValueOrDefault(id);

    public Custody.Facilities.Admission? OpenAdmission(Guid personId) => Admissions.Values.LastOrDefault(a => a.PersonId == personId && a.EndedAt is null);

    public Custody.Facilities.CellAssignment? OpenAssignment(Guid personId) => CellAssignments.Values.LastOrDefault(a => a.PersonId == personId && a.Until is null);

    public Custody.Facilities.AccessVisit? FindVisit(Guid id) => AccessVisits.GetValueOrDefault(id);

    public Custody.Facilities.InformationRestriction? FindRestriction(Guid id) => InformationRestrictions.GetValueOrDefault(id);

    public Custody.Facilities.FollowUpAction? FindAction(Guid id) => FollowUpActions.GetValueOrDefault(id);

    public Billing.PaymentHold? FindHold(Guid id) => PaymentHolds.GetValueOrDefault(id);

    public Billing.Dispute? FindDispute(Guid id) => Disputes.GetValueOrDefault(id);

    /// <exception cref="ProjectionException">A row with the same key exists already.</exception>
    public void Add(object row)
    {
        var added = row switch
        {
            Transfers.Manifest m => Manifests.TryAdd(m.Id, m),
            Transfers.ManifestPerson mp => ManifestPeople.TryAdd((mp.ManifestId, mp.PersonId), mp),
            Transfers.ManifestDiscrepancy d => ManifestDiscrepancies.TryAdd(d.Id, d),
            Transfers.Incident i => Incidents.TryAdd(i.Id, i),
            Custody.Notifications.Notification n => Notifications.TryAdd(n.Id, n),
            Transfers.CustodyRecord r => CustodyRecords.TryAdd(r.Id, r) && (_currentCustody[r.PersonId] = r) is not null,
            Custody.Facilities.Cell c => Cells.TryAdd(c.Id, c),
            Custody.Facilities.Admission a => Admissions.TryAdd(a.Id, a),
            Custody.Facilities.CellAssignment ca => CellAssignments.TryAdd(ca.Id, ca),
            Custody.Facilities.WelfareCheck w => WelfareChecks.TryAdd(w.Id, w),
            Custody.Facilities.AccessVisit v => AccessVisits.TryAdd(v.Id, v),
            Custody.Facilities.InformationRestriction ir => InformationRestrictions.TryAdd(ir.Id, ir),
            Custody.Facilities.Inspection i => Inspections.TryAdd(i.Id, i),
            Custody.Facilities.FollowUpAction fa => FollowUpActions.TryAdd(fa.Id, fa),
            Billing.PaymentHold ph => PaymentHolds.TryAdd(ph.Id, ph),
            Billing.Invoice inv => Invoices.TryAdd(inv.Id, inv),
            Billing.Dispute dis => Disputes.TryAdd(dis.Id, dis),
            Billing.CreditNote cn => CreditNotes.TryAdd(cn.Id, cn),
            Billing.Payment pay => Payments.TryAdd(pay.Id, pay),
            _ => throw new ArgumentException($"not a transfer row: {row?.GetType().Name}", nameof(row)),
        };
        if (!added)
        {
            throw new ProjectionException($"a {row.GetType().Name} with the same key is added twice");
        }
    }

    private static T Find<TKey, T>(Dictionary<TKey, T> table, TKey key, string what)
        where TKey : notnull =>
        table.TryGetValue(key, out var value) ? value : throw new ProjectionException($"{what} {key} is changed before it exists");
}
