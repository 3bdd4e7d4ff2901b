using Custody.Common;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>
/// A month reconciled three ways: the person-days of the issued invoice, the midnight counts of the
/// register now, and the people handed over under the agreement; with the Congressional-style summary.
/// </summary>
public sealed record MonthReconciliation(string AgreementId, string Month, string? InvoiceNumber, int? InvoicedDays, int RegisterDays, int Difference,
    int PeopleHeld, int HandedOverInMonth, int HandedOverToDate, decimal? Invoiced, decimal Computed, IReadOnlyDictionary<string, int> WithheldByReason);

/// <summary>Spend against the funding ceiling, month by month, from the issued invoices less their credit notes.</summary>
public sealed record SpendPoint(string Month, decimal Invoiced, decimal Cumulative, decimal? Ceiling);

/// <summary>The Congressional-style summary over issued invoices: people held, person-days, amounts, withheld by reason, credits and payments.</summary>
public sealed record BillingSummary(string AgreementId, string Currency, int Invoices, int PeopleHeld, int PayableDays, int WithheldDays,
    IReadOnlyDictionary<string, int> WithheldByReason, decimal Invoiced, decimal Credited, decimal Paid, decimal Outstanding);

public sealed class Reconcile(CustodyDbContext db)
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
        var balance = (await new SettlementCommands(db, TimeProvider.System).BalanceAsync(agreementId, cancellationToken)).Value!;
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
        return new MonthReconciliation(agreementId, d.Month, invoice?.Number, invoicedDays, registerDays, (invoicedDays ?? registerDays) - registerDays,
            d.Lines.Select(l => l.PersonId).Distinct().Count(), handedOver.Count(t => t >= start), handedOver.Count, invoice?.Total, d.Total, d.WithheldByReason);
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
