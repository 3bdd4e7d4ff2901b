using System.Diagnostics.Metrics;

namespace Custody.Common;

/// <summary>
/// The project's own meter, <c>Custody</c>: what operators watch besides requests and queries.
/// Tags are kinds, steps, outcomes and reasons — never a person, an account or an address.
/// The gauges read <see cref="OperationsGauges"/>, which the web app samples from the database.
/// </summary>
public static class CustodyMetrics
{
    public const string MeterName = "Custody";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> LedgerAppends = Meter.CreateCounter<long>("custody.ledger.appends", "{entry}", "Ledger entries committed, by kind.");

    private static readonly Counter<long> Screenings = Meter.CreateCounter<long>("custody.screenings", "{decision}", "Screening decisions, by outcome.");

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>("custody.screening.refusals", "{reason}", "Reasons screening blocked someone, by reason.");

    private static readonly Counter<long> Alerts = Meter.CreateCounter<long>("custody.alerts.raised", "{alert}", "Alerts raised on locked or moving manifests, by alert.");

    private static readonly Counter<long> Locator = Meter.CreateCounter<long>("custody.locator.requests", "{request}", "Public locator requests, by answer (found, none, invalid).");

    private static readonly Counter<long> Throttled = Meter.CreateCounter<long>("custody.requests.throttled", "{request}", "Requests refused 429 by a rate limit, by policy.");

    static CustodyMetrics()
    {
        Meter.CreateObservableGauge("custody.outbox.backlog", () => OperationsGauges.Current.OutboxBacklog, "{notification}", "Notifications queued and not yet delivered.");
        Meter.CreateObservableGauge("custody.outbox.oldest_age", () => OperationsGauges.Current.OutboxOldestAgeSeconds, "s", "Age of the oldest undelivered notification.");
        Meter.CreateObservableGauge("custody.checkpoint.age", () => OperationsGauges.Current.CheckpointAgeSeconds, "s", "Time since the latest final (cosigned) checkpoint.");
        Meter.CreateObservableGauge("custody.ledger.size", () => OperationsGauges.Current.LedgerSize, "{entry}", "Entries in the ledger.");
    }

    /// <summary>Entries committed, counted once per kind after the commit.</summary>
    public static void Appended(IReadOnlyDictionary<string, long> byKind)
    {
        ArgumentNullException.ThrowIfNull(byKind);
        foreach (var (kind, count) in byKind)
        {
            LedgerAppends.Add(count, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    public static void Screened(string outcome, IReadOnlyList<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        Screenings.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        foreach (var reason in reasons)
        {
            Refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public static void AlertRaised(string alert) => Alerts.Add(1, new KeyValuePair<string, object?>("alert", alert));

    public static void LocatorAnswered(string answer) => Locator.Add(1, new KeyValuePair<string, object?>("answer", answer));

    public static void RequestThrottled(string policy) => Throttled.Add(1, new KeyValuePair<string, object?>("policy", policy));
}

/// <summary>The operational state the gauges report, as last sampled (all zero until the first sample).</summary>
public sealed record OperationsGauges(long OutboxBacklog, double OutboxOldestAgeSeconds, double CheckpointAgeSeconds, long LedgerSize)
{
    private static OperationsGauges current = new(0, 0, 0, 0);

    public static OperationsGauges Current
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, value ?? throw new ArgumentNullException(nameof(value)));
    }
}
