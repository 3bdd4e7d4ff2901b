using System.Text.Json.Serialization;
using Custody.Ledger;

namespace Custody.Production;

/// <summary>
/// A court ordered the custodian to declare where a person is (<c>whereabouts</c>) or to produce them
/// (<c>produce-video</c>, <c>produce-in-person</c>) by a deadline.
/// </summary>
public sealed record ProductionOrdered(Guid Id, Guid Person, string Kind, string Court, DateTime Deadline, string? Docket = null, string? Details = null)
    : ILedgerEvent<ProductionOrdered>
{
    public static string EntryKind => "production.ordered";

    public string Subject() => "person:" + Person;
}

/// <summary>
/// The custodian's answer: where the person is (the register's current custody record, never a
/// free text), when last seen and by whom, and the welfare check or visit that proves it; for a
/// production, how the person was produced.
/// </summary>
public sealed record WhereaboutsDeclared(Guid Id, Guid Request, Guid Person, string Custodian, string PlaceKind, DateTime LastSeenAt, string SeenBy,
    string? FacilityId = null, Guid? WelfareCheck = null, Guid? Visit = null, string? ProducedBy = null) : ILedgerEvent<WhereaboutsDeclared>
{
    public static string EntryKind => "production.declared";

    public string Subject() => "person:" + Person;
}

/// <summary>The deadline passed without a declaration: listed as overdue, the court and the sending state told.</summary>
public sealed record ProductionOverdue(Guid Request, Guid Person) : ILedgerEvent<ProductionOverdue>
{
    public static string EntryKind => "production.overdue";

    public string Subject() => "person:" + Person;
}

/// <summary>Production requests and their declarations.</summary>
public static class ProductionProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<ProductionRequest>()
            .Projects<WhereaboutsDeclaration>()
            .On<ProductionOrdered>((e, entry, store) =>
            {
                _ = store.Find<People.Person>(e.Person) ?? throw new InvalidOperationException($"person {e.Person} does not exist");
                store.Add(new ProductionRequest
                {
                    Id = e.Id, PersonId = e.Person, Kind = e.Kind, Court = e.Court, Docket = e.Docket, Details = e.Details, Deadline = e.Deadline,
                    OrderedBy = entry.Actor, OrderedAt = entry.RecordedAt,
                });
            })
            .On<WhereaboutsDeclared>((e, entry, store) =>
            {
                var request = Request(store, e.Request);
                request.Status = ProductionRequest.Answered;
                request.AnsweredAt = entry.RecordedAt;
                request.AnsweredLate = entry.RecordedAt > request.Deadline;
                store.Add(new WhereaboutsDeclaration
                {
                    Id = e.Id, RequestId = e.Request, PersonId = e.Person, Custodian = e.Custodian, PlaceKind = e.PlaceKind,
                    FacilityId = e.FacilityId, LastSeenAt = e.LastSeenAt, SeenBy = e.SeenBy, WelfareCheckId = e.WelfareCheck,
                    VisitId = e.Visit, ProducedBy = e.ProducedBy, DeclaredBy = entry.Actor, DeclaredAt = entry.RecordedAt,
                });
            })
            .On<ProductionOverdue>((e, entry, store) => Request(store, e.Request).OverdueAt = entry.RecordedAt);
    }

    private static ProductionRequest Request(IProjectionStore store, Guid id) =>
        store.Find<ProductionRequest>(id) ?? throw new InvalidOperationException($"production request {id} does not exist");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(ProductionOrdered))]
[JsonSerializable(typeof(WhereaboutsDeclared))]
[JsonSerializable(typeof(ProductionOverdue))]
internal sealed partial class ProductionEventsJson : JsonSerializerContext;
