using Custody.Common;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>
/// A month reconciled: the person-days of the issued invoice, the midnight counts the invoice function
/// computes from the custody records now, the midnights counted independently from the admissions
/// (with each person whose counts differ), and the people handed over under the agreement.
/// </summary>
public sealed record MonthReconciliation(string AgreementId, string Month, string? InvoiceNumber, int? InvoicedDays, int RegisterDays, int Difference,
    int PeopleHeld, int HandedOverInMonth, int HandedOverToDate, decimal? Invoiced, decimal Computed, IReadOnlyDictionary<string, int> WithheldByReason,
    int AdmissionDays, IReadOnlyList<DayCountDifference> Differences);

/// <summary>One person whose midnights differ between the invoice function (custody records) and the admissions.</summary>
public sealed record DayCountDifference(string ExternalId, int RegisterDays, int AdmissionDays);

/// <summary>Spend against the funding ceiling, month by month, from the issued invoices less their credit notes.</summary>
public sealed record SpendPoint(string Month, decimal Invoiced, decimal Cumulative, decimal? Ceiling);

/// <summary>The Congressional-style summary over issued invoices: people held, person-days, amounts, withheld by reason, credits and payments.</summary>
public sealed record BillingSummary(string AgreementId, string Currency, int Invoices, int PeopleHeld, int PayableDays, int WithheldDays,
    IReadOnlyDictionary<string, int> WithheldByReason, decimal Invoiced, decimal Credited, decimal Paid, decimal Outstanding);

public sealed class Reconcile(CustodyDbContext db) : IUseCase
{
    public async Task<Result<BillingSummary>> SummaryAsync(string agreementId, CancellationToken cancellationToken = default)
    {
        if (!await db.Agreements.AnyAsync(a => a.Id == agreementId, cancellationToken))
        {
            return new NotFound($"No agreement {agreementId}.");
        }
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.AgreementId == agreementId).ToListAsync(cancellationToken);
        var people = new HashSet<string>(StringComparer.Ordinal);
        var byReason = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var invoice in invoices)
        {
            var document = System.Text.Json.Nodes.JsonNode.Parse(invoice.Document)!;
            foreach (var line in document["lines"]!.AsArray())
            {
                people.Add(line!["externalId"]!.GetValue<string>());
            }
            foreach (var (reason, days) in document["withheldByReason"]!.AsObject())
            {
                // Holds are summed as one reason here; their ids are on each invoice.
                var key = reason.StartsWith("payment-hold:", StringComparison.Ordinal) ? "payment-hold" : reason;
                byReason[key] = byReason.GetValueOrDefault(key) + days!.GetValue<int>();
            }
        }
        var balance = (await new ReadBalances(db).BalanceAsync(agreementId, cancellationToken)).Value!;
        return new BillingSummary(agreementId, balance.Currency, invoices.Count, people.Count, invoices.Sum(i => i.PayableDays), invoices.Sum(i => i.WithheldDays), byReason,
            balance.Invoiced, balance.Credited, balance.Paid, balance.Outstanding);
    }

    public async Task<Result<MonthReconciliation>> MonthAsync(string agreementId, string? month, CancellationToken cancellationToken = default)
    {
        var draft = await new DraftInvoice(db).RunAsync(agreementId, month, cancellationToken);
        if (draft.Failure is { } failure)
        {
            return failure;
        }
        var d = draft.Value!;
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.AgreementId == agreementId && i.Month == d.Month, cancellationToken);
        var registerDays = d.PayableDays + d.WithheldByReason.Values.Sum();
        DraftInvoice.TryMonth(d.Month, out var year, out var number);
        var start = new DateTime(year, number, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddMonths(1);
        var handedOver = await db.CustodyRecords.AsNoTracking().Where(r => r.AgreementId == agreementId && r.Event == CustodyEvents.HandedOver && r.OccurredAt < end)
            .Select(r => r.OccurredAt).ToListAsync(cancellationToken);
        int? invoicedDays = invoice is null ? null : invoice.PayableDays + invoice.WithheldDays;
        var byPerson = d.Lines.GroupBy(l => l.ExternalId).ToDictionary(g => g.Key, g => g.Sum(l => l.PayableDays + l.WithheldDays.Values.Sum()), StringComparer.Ordinal);
        var admitted = await AdmissionMidnightsAsync(agreementId, year, number, cancellationToken);
        var differences = byPerson.Keys.Union(admitted.Keys).Order(StringComparer.Ordinal)
            .Select(id => new DayCountDifference(id, byPerson.GetValueOrDefault(id), admitted.GetValueOrDefault(id)))
            .Where(x => x.RegisterDays != x.AdmissionDays).ToList();
        return new MonthReconciliation(agreementId, d.Month, invoice?.Number, invoicedDays, registerDays, (invoicedDays ?? registerDays) - registerDays,
            d.Lines.Select(l => l.PersonId).Distinct().Count(), handedOver.Count(t => t >= start), handedOver.Count, invoice?.Total, d.Total, d.WithheldByReason,
            admitted.Values.Sum(), differences);
    }

    // Counted without the invoice function: each admission under the agreement, the month's midnights
    // (in the facility's zone) that fall within it.
    private async Task<Dictionary<string, int>> AdmissionMidnightsAsync(string agreementId, int year, int month, CancellationToken cancellationToken)
    {
        var windowStart = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(-1);
        var windowEnd = windowStart.AddDays(DateTime.DaysInMonth(year, month) + 2);
        var admissions = await (from a in db.Admissions.AsNoTracking()
                                join p in db.People.AsNoTracking() on a.PersonId equals p.Id
                                where a.AgreementId == agreementId && a.AdmittedAt < windowEnd && (a.EndedAt == null || a.EndedAt > windowStart)
                                select new { p.ExternalId, a.FacilityId, a.AdmittedAt, a.EndedAt }).ToListAsync(cancellationToken);
        var zones = await db.Facilities.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.TimeZone, cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in admissions)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zones[a.FacilityId]);
            var nights = Enumerable.Range(0, DateTime.DaysInMonth(year, month))
                .Select(day => PersonDays.Midnight(new DateOnly(year, month, 1).AddDays(day), zone))
                .Count(midnight => midnight >= a.AdmittedAt && (a.EndedAt is null || midnight < a.EndedAt));
            counts[a.ExternalId] = counts.GetValueOrDefault(a.ExternalId) + nights;
        }
        return counts;
    }

    public async Task<IReadOnlyList<SpendPoint>> SpendAsync(string agreementId, decimal? ceiling, CancellationToken cancellationToken = default)
    {
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.AgreementId == agreementId).Select(i => new { i.Id, i.Month, i.Total }).ToListAsync(cancellationToken);
        var ids = invoices.Select(i => i.Id).ToList();
        var credits = (await db.CreditNotes.AsNoTracking().Where(c => ids.Contains(c.InvoiceId)).Select(c => new { c.InvoiceId, c.Amount }).ToListAsync(cancellationToken))
            .GroupBy(c => c.InvoiceId).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var cumulative = 0m;
        return invoices.OrderBy(i => i.Month, StringComparer.Ordinal).Select(i =>
        {
            var net = i.Total - credits.GetValueOrDefault(i.Id);
            cumulative += net;
            return new SpendPoint(i.Month, net, cumulative, ceiling);
        }).ToList();
    }
}
