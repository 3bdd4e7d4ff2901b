using System.Text.Json.Nodes;
using Custody.Agreements;
using Custody.Common;
using Custody.CourtOrders;
using Custody.Imports;
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
                case LedgerKinds.PersonRegistered:
                    var id = Guid.Parse(payload["id"]!.GetValue<string>());
                    if (!People.TryAdd(id, Person.Register(id, payload["person"]!.AsObject(), entry)))
                    {
                        throw new ProjectionException($"person {id} is registered twice");
                    }
                    Add(Transfers.CustodyRecord.Initial(id, payload["person"]!.AsObject(), entry));
                    break;
                case LedgerKinds.PersonUpdated:
                    Find(People, Guid.Parse(payload["id"]!.GetValue<string>()), "person").Update(JsonChanges.ReadFrom(payload), entry);
                    break;
                case LedgerKinds.ClassOrderRecorded:
                    var order = ClassOrder.Record(payload["order"]!.AsObject(), entry);
                    if (!ClassOrders.TryAdd(order.Id, order))
                    {
                        throw new ProjectionException($"class order {order.Id} is recorded twice");
                    }
                    break;
                case LedgerKinds.ClassOrderUpdated:
                    Find(ClassOrders, payload["id"]!.GetValue<string>(), "class order").Update(JsonChanges.ReadFrom(payload), entry);
                    break;
                case LedgerKinds.AgreementRegistered:
                    var agreement = Agreement.Register(payload["id"]!.GetValue<string>(), payload["title"]!.GetValue<string>(),
                        payload["sendingState"]!.GetValue<string>(), payload["receivingState"]!.GetValue<string>(), Until(payload), entry);
                    if (!Agreements.TryAdd(agreement.Id, agreement))
                    {
                        throw new ProjectionException($"agreement {agreement.Id} is registered twice");
                    }
                    break;
                case LedgerKinds.AgreementUpdated:
                    Find(Agreements, payload["id"]!.GetValue<string>(), "agreement").Update(payload["title"]!.GetValue<string>(), Until(payload), entry);
                    break;
                case LedgerKinds.AgreementVersionAdded:
                    var agreementId = Find(Agreements, payload["agreement"]!.GetValue<string>(), "agreement").Id;
                    var version = AgreementVersion.Add(agreementId, payload["version"]!.AsObject(), entry);
                    if (!AgreementVersions.TryAdd((agreementId, version.Number), version))
                    {
                        throw new ProjectionException($"version {version.Number} of agreement {agreementId} is added twice");
                    }
                    break;
                case LedgerKinds.CourtOrderEntered:
                    var entered = EnteredCourtOrder.Enter(payload, entry);
                    Find(People, entered.PersonId, "person");
                    if (!CourtOrders.TryAdd(entered.Id, entered))
                    {
                        throw new ProjectionException($"court order {entered.Id} is entered twice");
                    }
                    break;
                case LedgerKinds.CourtOrderVerified:
                    Find(CourtOrders, Guid.Parse(payload["id"]!.GetValue<string>()), "court order").Verify(entry);
                    break;
                case LedgerKinds.CourtOrderLifted:
                    Find(CourtOrders, Guid.Parse(payload["id"]!.GetValue<string>()), "court order")
                        .Lift(Instants.Parse(payload["liftedAt"]!.GetValue<string>()), entry);
                    break;
                case LedgerKinds.FactEntered:
                    var fact = Facts.EnteredFact.Enter(payload, entry);
                    Find(People, fact.PersonId, "person");
                    if (!EnteredFacts.TryAdd(fact.Id, fact))
                    {
                        throw new ProjectionException($"fact {fact.Id} is entered twice");
                    }
                    break;
                case LedgerKinds.FactUpdated:
                    Find(EnteredFacts, Guid.Parse(payload["id"]!.GetValue<string>()), "fact").Update(JsonChanges.ReadFrom(payload), entry);
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
            _ => throw new ArgumentException($"not a transfer row: {row?.GetType().Name}", nameof(row)),
        };
        if (!added)
        {
            throw new ProjectionException($"a {row.GetType().Name} with the same key is added twice");
        }
    }

    private static DateTime? Until(JsonObject payload) =>
        payload["effectiveUntil"] is { } until ? Instants.Parse(until.GetValue<string>()) : null;

    private static T Find<TKey, T>(Dictionary<TKey, T> table, TKey key, string what)
        where TKey : notnull =>
        table.TryGetValue(key, out var value) ? value : throw new ProjectionException($"{what} {key} is changed before it exists");
}
