using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Custody.Common;
using Custody.Facilities;
using Custody.Ledger;
using Custody.Transfers;

namespace Custody.Corrections;

/// <summary>
/// A correction of a recorded fact (invariant 1: corrections, never edits): the target it corrects,
/// the value it had and the value it should have, why, who proposed it, and the second user of the
/// responsible side who approved or rejected it. Approved, it changes the target's current value;
/// the original stays in the ledger, and timelines show both (projected from the ledger).
/// </summary>
public sealed class Correction
{
    public const string CustodyRecordTime = "custody-record-time";
    public const string RegisterField = "register-field";
    public const string CustodyRecordField = "custody-record-field";

    /// <summary>The fields of a custody record that a correction may change besides its time (where and under whom it says the person was are events, not corrections).</summary>
    public static readonly IReadOnlyList<string> CustodyRecordFields = ["legalAuthority", "funder", "note"];
    public const string Proposed = "proposed";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary><see cref="CustodyRecordTime"/> (a custody record's or hand-over's time), <see cref="CustodyRecordField"/> (its legal authority, funder or note) or <see cref="RegisterField"/> (an admission's register field).</summary>
    public string Target { get; set; } = "";

    /// <summary>The custody record or admission corrected.</summary>
    public Guid TargetId { get; set; }

    /// <summary>The register or custody-record field corrected; null for a custody record's time.</summary>
    public string? Field { get; set; }

    public string OldValue { get; set; } = "";

    public string NewValue { get; set; } = "";

    public string Reason { get; set; } = "";

    /// <summary>sending or receiving: whose users may approve it.</summary>
    public string Side { get; set; } = "";

    public string ProposedBy { get; set; } = "";

    public DateTime ProposedAt { get; set; }

    public string Status { get; set; } = Proposed;

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecisionReason { get; set; }

    /// <summary>The custody record before the corrected one (its end moves with the corrected time).</summary>
    public Guid? PreviousRecordId { get; set; }
}

/// <summary>A correction proposed: what it corrects, from what to what, and why.</summary>
public sealed record CorrectionProposed(Guid Id, Guid Person, string Target, Guid TargetId, string OldValue, string NewValue, string Reason, string Side,
    string? Field = null, Guid? PreviousRecord = null) : ILedgerEvent<CorrectionProposed>
{
    public static string EntryKind => "correction.proposed";

    public string Subject() => "person:" + Person;
}

/// <summary>A second user of the responsible side approved the correction: it takes effect.</summary>
public sealed record CorrectionApproved(Guid Id, Guid Person) : ILedgerEvent<CorrectionApproved>
{
    public static string EntryKind => "correction.approved";

    public string Subject() => "person:" + Person;
}

/// <summary>A second user of the responsible side rejected the correction: the record stands.</summary>
public sealed record CorrectionRejected(Guid Id, Guid Person, string Reason) : ILedgerEvent<CorrectionRejected>
{
    public static string EntryKind => "correction.rejected";

    public string Subject() => "person:" + Person;
}

public static class CorrectionsProjector
{
    public static void Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .Projects<Correction>()
            .On<CorrectionProposed>((e, entry, store) => store.Add(new Correction
            {
                Id = e.Id, PersonId = e.Person, Target = e.Target, TargetId = e.TargetId, Field = e.Field, OldValue = e.OldValue, NewValue = e.NewValue,
                Reason = e.Reason, Side = e.Side, PreviousRecordId = e.PreviousRecord, ProposedBy = entry.Actor, ProposedAt = entry.RecordedAt,
            }))
            .On<CorrectionApproved>((e, entry, store) =>
            {
                var correction = Find(store, e.Id);
                correction.Status = Correction.Approved;
                correction.DecidedBy = entry.Actor;
                correction.DecidedAt = entry.RecordedAt;
                Apply(correction, store);
            })
            .On<CorrectionRejected>((e, entry, store) =>
            {
                var correction = Find(store, e.Id);
                correction.Status = Correction.Rejected;
                correction.DecidedBy = entry.Actor;
                correction.DecidedAt = entry.RecordedAt;
                correction.DecisionReason = e.Reason;
            });
    }

    // The approved value replaces the current one; the original stays in the ledger and in the correction.
    private static void Apply(Correction correction, IProjectionStore store)
    {
        if (correction.Target == Correction.CustodyRecordTime)
        {
            var record = store.Find<CustodyRecord>(correction.TargetId) ?? throw new InvalidOperationException($"custody record {correction.TargetId} does not exist");
            record.OccurredAt = Instants.Parse(correction.NewValue);
            if (correction.PreviousRecordId is { } previous)
            {
                (store.Find<CustodyRecord>(previous) ?? throw new InvalidOperationException($"custody record {previous} does not exist")).EndedAt = record.OccurredAt;
            }
            return;
        }
        if (correction.Target == Correction.CustodyRecordField)
        {
            var record = store.Find<CustodyRecord>(correction.TargetId) ?? throw new InvalidOperationException($"custody record {correction.TargetId} does not exist");
            switch (correction.Field)
            {
                case "legalAuthority": record.LegalAuthority = correction.NewValue; break;
                case "funder": record.Funder = correction.NewValue; break;
                case "note": record.Note = correction.NewValue; break;
                default: throw new InvalidOperationException($"custody-record field {correction.Field} is not correctable");
            }
            return;
        }
        var admission = store.Find<Admission>(correction.TargetId) ?? throw new InvalidOperationException($"admission {correction.TargetId} does not exist");
        var register = JsonNode.Parse(admission.Register)!.AsObject();
        register[correction.Field!] = new JsonObject { ["value"] = correction.NewValue };
        admission.Register = CanonicalJson.ToText(register);
    }

    private static Correction Find(IProjectionStore store, Guid id) =>
        store.Find<Correction>(id) ?? throw new InvalidOperationException($"correction {id} does not exist");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true, Converters = [typeof(InstantJsonConverter), typeof(DecimalTextJsonConverter)])]
[JsonSerializable(typeof(CorrectionProposed))]
[JsonSerializable(typeof(CorrectionApproved))]
[JsonSerializable(typeof(CorrectionRejected))]
internal sealed partial class CorrectionsEventsJson : JsonSerializerContext;
