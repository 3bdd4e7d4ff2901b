using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Ledger;

namespace Custody.Agreements;

/// <summary>
/// A bilateral custody-transfer agreement (a projection of the ledger). Its parties never change;
/// its title and end may. What it covers lives in its versions.
/// </summary>
public sealed class Agreement
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string SendingState { get; set; } = "";

    public string ReceivingState { get; set; } = "";

    /// <summary>When the whole agreement ends; null while open-ended.</summary>
    public DateTime? EffectiveUntil { get; set; }

    public int Revision { get; set; }

    public long LastSeq { get; set; }

    public static Agreement Register(string id, string title, string sendingState, string receivingState, DateTime? effectiveUntil, LedgerEntry entry)
    {
        var agreement = new Agreement { Id = id, SendingState = sendingState, ReceivingState = receivingState };
        agreement.Update(title, effectiveUntil, entry);
        return agreement;
    }

    public void Update(string title, DateTime? effectiveUntil, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Title = title;
        EffectiveUntil = effectiveUntil;
        Revision++;
        LastSeq = entry.Seq;
    }
}

/// <summary>
/// One version of an agreement: categories, cap, term, legal regime, tariff and facility standards
/// in force from <see cref="EffectiveFrom"/>. Once imported, never changed.
/// </summary>
public sealed class AgreementVersion
{
    public string AgreementId { get; set; } = "";

    public int Number { get; set; }

    public DateTime EffectiveFrom { get; set; }

    public string? Note { get; set; }

    /// <summary>The version's canonical JSON as imported.</summary>
    public string Document { get; set; } = "{}";

    public DateTime RecordedAt { get; set; }

    public long Seq { get; set; }

    public static AgreementVersion Add(string agreementId, JsonObject version, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(entry);
        return new AgreementVersion
        {
            AgreementId = agreementId,
            Number = version["number"]!.GetValue<int>(),
            EffectiveFrom = Instants.Parse(version["effectiveFrom"]!.GetValue<string>()),
            Note = version["note"]?.GetValue<string>(),
            Document = CanonicalJson.ToText(version),
            RecordedAt = entry.RecordedAt,
            Seq = entry.Seq,
        };
    }

    public JsonObject DocumentObject() => JsonNode.Parse(Document)!.AsObject();
}
