using System.Text.Json.Nodes;
using Custody.Agreements;
using Custody.Common;
using Custody.CourtOrders;
using Custody.Imports;
using Custody.People;

namespace Custody.Ledger;

/// <summary>An entry that cannot be applied to the state rebuilt so far (an update of an unknown record, a bad payload).</summary>
public sealed class ProjectionException(string message) : Exception(message);

/// <summary>
/// The state tables rebuilt from the ledger alone, by the same entity methods the commands use
/// when they write. Verification compares this with the stored tables.
/// </summary>
public sealed class RegisterProjection
{
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
                default:
                    if (!LedgerKinds.AuditOnly.Contains(content.Kind))
                    {
                        throw new ProjectionException($"unknown entry kind \"{content.Kind}\"");
                    }
                    break;
            }
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            throw new ProjectionException($"payload of {content.Kind} is malformed: {ex.Message}");
        }
    }

    private static DateTime? Until(JsonObject payload) =>
        payload["effectiveUntil"] is { } until ? Instants.Parse(until.GetValue<string>()) : null;

    private static T Find<TKey, T>(Dictionary<TKey, T> table, TKey key, string what)
        where TKey : notnull =>
        table.TryGetValue(key, out var value) ? value : throw new ProjectionException($"{what} {key} is changed before it exists");
}
