using System.Globalization;
using System.Text.Json;
using Custody.Common;
using Custody.Facilities;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Statistics;

/// <summary>
/// One agreement's people at one facility in one month. People counts are the agreement's; capacity
/// and inspection findings are the facility's (shared by every agreement that holds people there).
/// </summary>
public sealed record FacilityMonth(string Agreement, string Facility, string Month, int Transferred, int PersonNights, int PeakAtMidnight,
    int Released, int Returned, int Deaths, int Incidents, int FacilityCapacity, int FindingsCritical, int FindingsSerious, int FindingsMinor);

/// <summary>Days invoiced and paid under one agreement for one month.</summary>
public sealed record FeesMonth(string Agreement, string Month, int DaysInvoiced, int DaysPaid);

/// <summary>The published tables and the ledger state they were computed at.</summary>
public sealed record PublishedStatistics(IReadOnlyList<FacilityMonth> Facilities, IReadOnlyList<FeesMonth> Fees, long LedgerSize, DateTime ComputedAt);

/// <summary>
/// Public statistics, without personal data: per agreement, facility and month, how many people were
/// transferred in, held at each midnight (their sum, person-nights, and the peak), released, returned
/// or died; incidents; the facility's capacity and its inspection findings by severity; and the days
/// invoiced and paid. Every figure is a count over records, and small counts are shown suppressed
/// (<see cref="Show"/>) so that no one person can be picked out.
/// </summary>
public sealed class PublicStatistics(CustodyDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>Counts below this are published as "fewer than 5".</summary>
    public const int SuppressBelow = 5;

    /// <summary>A count as published: the number, or "fewer than 5" below the threshold.</summary>
    public static string Show(int count, string fewer = "fewer than 5") =>
        count < SuppressBelow ? fewer : count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Computes every table from one consistent read of the database, and the ledger size it reflects.</summary>
    public async Task<PublishedStatistics> ComputeAsync(CancellationToken cancellationToken = default)
    {
        // One snapshot: the ledger size and the tables agree (SQLite: one read transaction in WAL; PostgreSQL: repeatable read).
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var now = Common.Instants.Now(time);
        var size = await db.LedgerEntries.MaxAsync(e => (long?)e.Seq, cancellationToken) ?? 0;
        var records = await db.CustodyRecords.AsNoTracking().OrderBy(r => r.PersonId).ThenBy(r => r.Number)
            .Select(r => new Stay(r.PersonId, r.Event, r.PlaceKind, r.FacilityId, r.AgreementId, r.OccurredAt, r.EndedAt)).ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.FacilityId != null).Select(i => new { i.FacilityId, i.PersonId, i.OccurredAt }).ToListAsync(cancellationToken);
        var inspections = await db.Inspections.AsNoTracking().Select(i => new { i.FacilityId, i.InspectedAt, i.Findings }).ToListAsync(cancellationToken);
        var capacity = (await db.Cells.AsNoTracking().GroupBy(c => c.FacilityId).Select(g => new { Facility = g.Key, Capacity = g.Sum(c => c.OperationalCapacity) })
            .ToListAsync(cancellationToken)).ToDictionary(c => c.Facility, c => c.Capacity);
        var invoices = await db.Invoices.AsNoTracking().Select(i => new { i.Id, i.AgreementId, i.Month, i.Total, i.PayableDays }).ToListAsync(cancellationToken);
        var paid = (await db.Payments.AsNoTracking().GroupBy(p => p.InvoiceId).Select(g => new { Invoice = g.Key, Amount = g.Sum(p => p.Amount) }).ToListAsync(cancellationToken))
            .ToDictionary(p => p.Invoice, p => p.Amount);
        var zones = (await db.Facilities.AsNoTracking().Select(f => new { f.Id, f.TimeZone }).ToListAsync(cancellationToken))
            .ToDictionary(f => f.Id, f => TimeZoneInfo.FindSystemTimeZoneById(f.TimeZone));
        await transaction.CommitAsync(cancellationToken);

        var rows = new Dictionary<(string Agreement, string Facility, string Month), Counts>();
        Counts At(string agreement, string facility, DateTime when) =>
            rows.TryGetValue((agreement, facility, Month(when)), out var c) ? c : rows[(agreement, facility, Month(when))] = new Counts();
        var nights = new Dictionary<(string Agreement, string Facility), SortedDictionary<DateOnly, int>>();
        var stayAt = new Dictionary<Guid, List<Stay>>();
        foreach (var person in records.GroupBy(r => r.Person))
        {
            Stay? previous = null;
            foreach (var record in person)
            {
                // A night in hospital under the facility's escort is a night held by that facility.
                if (record.PlaceKind is CustodyPlaces.Facility or CustodyPlaces.Hospital && record.FacilityId is { } facility)
                {
                    var agreement = record.Agreement ?? "(none)";
                    if (record.Event == CustodyEvents.HandedOver)
                    {
                        At(agreement, facility, record.OccurredAt).Transferred++;
                    }
                    CountNights(nights, (agreement, facility), record.OccurredAt, record.EndedAt ?? now, zones.GetValueOrDefault(facility, TimeZoneInfo.Utc));
                    (stayAt.TryGetValue(record.Person, out var list) ? list : stayAt[record.Person] = []).Add(record);
                }
                else if (previous is { PlaceKind: CustodyPlaces.Facility or CustodyPlaces.Hospital, FacilityId: { } from })
                {
                    // An end of custody at a facility: the record that ends it names where the person went, the one before where they were.
                    var counts = At(previous.Agreement ?? "(none)", from, record.OccurredAt);
                    switch (record.Event)
                    {
                        case CustodyEvents.Released: counts.Released++; break;
                        case CustodyEvents.Returned: counts.Returned++; break;
                        case CustodyEvents.Died: counts.Deaths++; break;
                    }
                }
                previous = record;
            }
        }
        foreach (var ((agreement, facility), deltas) in nights)
        {
            var held = 0;
            var today = DateOnly.FromDateTime(now);
            for (var night = deltas.Keys.First(); night <= deltas.Keys.Last() && night <= today; night = night.AddDays(1))
            {
                held += deltas.GetValueOrDefault(night);
                if (held > 0)
                {
                    var counts = At(agreement, facility, night.ToDateTime(TimeOnly.MinValue));
                    counts.PersonNights += held;
                    counts.Peak = Math.Max(counts.Peak, held);
                }
            }
        }
        foreach (var incident in incidents)
        {
            var agreement = incident.PersonId is { } person && stayAt.TryGetValue(person, out var stays)
                ? stays.LastOrDefault(s => s.FacilityId == incident.FacilityId && s.OccurredAt <= incident.OccurredAt)?.Agreement ?? "(none)"
                : "(none)";
            At(agreement, incident.FacilityId!, incident.OccurredAt).Incidents++;
        }
        var findings = new Dictionary<(string Facility, string Month), (int Critical, int Serious, int Minor)>();
        foreach (var inspection in inspections)
        {
            var key = (inspection.FacilityId, Month(inspection.InspectedAt));
            var (critical, serious, minor) = findings.GetValueOrDefault(key);
            foreach (var finding in JsonSerializer.Deserialize<List<InspectionFinding>>(inspection.Findings, JsonSerializerOptions.Web) ?? [])
            {
                _ = finding.Severity switch { "critical" => critical++, "serious" => serious++, _ => minor++ };
            }
            findings[key] = (critical, serious, minor);
        }
        var facilities = rows.OrderBy(r => r.Key.Month, StringComparer.Ordinal).ThenBy(r => r.Key.Facility, StringComparer.Ordinal).ThenBy(r => r.Key.Agreement, StringComparer.Ordinal)
            .Select(r =>
            {
                var (critical, serious, minor) = findings.GetValueOrDefault((r.Key.Facility, r.Key.Month));
                var c = r.Value;
                return new FacilityMonth(r.Key.Agreement, r.Key.Facility, r.Key.Month, c.Transferred, c.PersonNights, c.Peak, c.Released, c.Returned, c.Deaths, c.Incidents,
                    capacity.GetValueOrDefault(r.Key.Facility), critical, serious, minor);
            }).ToList();
        var fees = invoices.GroupBy(i => (i.AgreementId, i.Month)).OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.AgreementId, StringComparer.Ordinal)
            .Select(g => new FeesMonth(g.Key.AgreementId, g.Key.Month, g.Sum(i => i.PayableDays),
                g.Sum(i => i.Total <= 0 ? i.PayableDays : (int)Math.Floor(i.PayableDays * Math.Min(1m, paid.GetValueOrDefault(i.Id) / i.Total)))))
            .ToList();
        return new PublishedStatistics(facilities, fees, size, now);
    }

    private sealed record Stay(Guid Person, string Event, string PlaceKind, string? FacilityId, string? Agreement, DateTime OccurredAt, DateTime? EndedAt);

    private sealed class Counts
    {
        public int Transferred;
        public int PersonNights;
        public int Peak;
        public int Released;
        public int Returned;
        public int Deaths;
        public int Incidents;
    }

    private static string Month(DateTime at) => at.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    // Held at a midnight = the stay began before it and had not ended by it: +1 on the first such night, −1 after the last.
    // The midnights held, in the facility's own time zone, counted as the invoice counts them
    // (PersonDays: held at a midnight when from <= it < until), so person-nights agree with the invoices.
    private static void CountNights(Dictionary<(string, string), SortedDictionary<DateOnly, int>> nights, (string, string) key, DateTime from, DateTime until,
        TimeZoneInfo zone)
    {
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(from, zone));
        if (Billing.PersonDays.Midnight(first, zone) < from)
        {
            first = first.AddDays(1);
        }
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(until, zone));
        if (Billing.PersonDays.Midnight(last, zone) >= until)
        {
            last = last.AddDays(-1); // ended at or before that midnight: not held at it
        }
        if (last < first)
        {
            return;
        }
        var deltas = nights.TryGetValue(key, out var d) ? d : nights[key] = [];
        deltas[first] = deltas.GetValueOrDefault(first) + 1;
        deltas[last.AddDays(1)] = deltas.GetValueOrDefault(last.AddDays(1)) - 1;
    }
}
