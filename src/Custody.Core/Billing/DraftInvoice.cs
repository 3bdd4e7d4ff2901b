using System.Globalization;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>One line: a person at one rate, the payable and withheld days (by reason), and the amount.</summary>
/// <summary>One person's days under one version and rate; <c>WelfareChecks</c> are the checks that made its payable days payable.</summary>
public sealed record InvoiceLine(Guid PersonId, string ExternalId, int Version, decimal Rate, int PayableDays, IReadOnlyDictionary<string, int> WithheldDays, decimal Amount,
    string Currency, IReadOnlyList<Guid> WelfareChecks);

/// <summary>A month's invoice for an agreement as the rules compute it now (a draft is recomputed on every read).</summary>
public sealed record InvoiceDraft(string AgreementId, string Month, string Currency, IReadOnlyList<InvoiceLine> Lines, decimal Total, int PayableDays,
    IReadOnlyDictionary<string, int> WithheldByReason, decimal PaidBefore, decimal? Ceiling);

/// <summary>
/// Drafts a month's invoice from the register: spans of receiving custody under the agreement
/// (custody records held on the sending state's behalf in a facility), welfare checks, payment
/// holds, the tariff of each version, and what issued invoices already made payable (for the ceiling).
/// </summary>
public sealed class DraftInvoice(CustodyDbContext db) : IUseCase
{
    public async Task<Result<InvoiceDraft>> RunAsync(string agreementId, string? month, CancellationToken cancellationToken = default)
    {
        if (!TryMonth(month, out var year, out var number))
        {
            return new Invalid([new FieldError("month", "A calendar month, YYYY-MM.")]);
        }
        var found = await TariffsAsync(agreementId, cancellationToken);
        if (found.Failure is { } failure)
        {
            return failure;
        }
        var tariffs = found.Value!;
        // A day's midnight lies within a day of the month's UTC bounds in any zone.
        var windowStart = new DateTime(year, number, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(-1);
        var windowEnd = windowStart.AddDays(DateTime.DaysInMonth(year, number) + 2);
        var rows = await (from r in db.CustodyRecords.AsNoTracking()
                          join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                          where r.AgreementId == agreementId && r.OnBehalfOf != null
                              && (r.PlaceKind == CustodyPlaces.Facility || r.PlaceKind == CustodyPlaces.Hospital) && r.FacilityId != null
                              && r.OccurredAt < windowEnd && (r.EndedAt == null || r.EndedAt > windowStart)
                          select new { r.PersonId, r.FacilityId, r.OccurredAt, r.EndedAt, p.ExternalId }).ToListAsync(cancellationToken);
        var spans = rows.Select(r => new CustodySpan(r.PersonId, r.FacilityId!, r.OccurredAt, r.EndedAt)).ToList();
        var externalIds = rows.GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.First().ExternalId);
        var maxAge = tariffs.Max(t => t.WelfareCheckMaxAgeDays);
        var checkFrom = windowStart.AddDays(-maxAge - 1);
        // Only checks that make days payable: an independent monitor's, identity confirmed, not late.
        var checks = (await db.WelfareChecks.AsNoTracking().Where(w => w.Payable && w.SeenAt >= checkFrom && w.SeenAt < windowEnd).Select(w => new { w.PersonId, w.SeenAt, w.Id })
            .ToListAsync(cancellationToken)).Where(w => externalIds.ContainsKey(w.PersonId)).ToLookup(w => w.PersonId, w => new WelfareSeen(w.Id, w.SeenAt));
        var holds = await db.PaymentHolds.AsNoTracking().Where(h => h.AgreementId == agreementId)
            .Select(h => new HoldSpan(h.Id, h.PersonId, h.From, h.LiftedOn)).ToListAsync(cancellationToken);
        var zones = await db.Facilities.AsNoTracking().ToDictionaryAsync(f => f.Id, f => TimeZoneInfo.FindSystemTimeZoneById(f.TimeZone), cancellationToken);
        var monthText = $"{year:D4}-{number:D2}";
        var paidBefore = (await db.Invoices.AsNoTracking().Where(i => i.AgreementId == agreementId).Select(i => new { i.Month, i.Total }).ToListAsync(cancellationToken))
            .Where(i => string.CompareOrdinal(i.Month, monthText) < 0).Sum(i => i.Total);
        var days = PersonDays.Compute(year, number, spans, f => zones[f], tariffs, checks, holds, paidBefore);
        var currency = tariffs[^1].Currency;
        // Each line is in the currency of the version in force on its days, rounded to that currency's minor unit.
        var currencyOf = tariffs.ToDictionary(t => t.Version, t => t.Currency);
        var lines = days.GroupBy(d => (d.PersonId, d.Version, d.Rate)).Select(g =>
        {
            var payable = g.Count(d => d.WithheldReason is null);
            var withheld = g.Where(d => d.WithheldReason is not null).GroupBy(d => d.WithheldReason!).ToDictionary(w => w.Key, w => w.Count(), StringComparer.Ordinal);
            var lineCurrency = currencyOf[g.Key.Version];
            // The checks that vouched for the person's presence on the line's payable days.
            var vouchedBy = g.Where(d => d.WithheldReason is null && d.VouchedBy is not null).Select(d => d.VouchedBy!.Value).Distinct().Order().ToList();
            return new InvoiceLine(g.Key.PersonId, externalIds[g.Key.PersonId], g.Key.Version, g.Key.Rate, payable, withheld,
                PersonDays.LineAmount(payable, g.Key.Rate, lineCurrency), lineCurrency, vouchedBy);
        }).OrderBy(l => l.ExternalId, StringComparer.Ordinal).ThenBy(l => l.Version).ToList();
        var byReason = days.Where(d => d.WithheldReason is not null).GroupBy(d => d.WithheldReason!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new InvoiceDraft(agreementId, monthText, currency, lines, lines.Sum(l => l.Amount), lines.Sum(l => l.PayableDays), byReason, paidBefore, tariffs[^1].Ceiling);
    }

    /// <summary>
    /// The funding ceiling every draft of the agreement carries (the last tariffed version's), with the
    /// same refusals as a draft, without computing one: what the spend chart is drawn against.
    /// </summary>
    public async Task<Result<decimal?>> CeilingAsync(string agreementId, CancellationToken cancellationToken = default)
    {
        var tariffs = await TariffsAsync(agreementId, cancellationToken);
        if (tariffs.Failure is { } failure)
        {
            return failure;
        }
        return Result<decimal?>.Ok(tariffs.Value![^1].Ceiling);
    }

    /// <summary>The agreement's tariffed versions in order; refused for an unknown agreement or one with no tariff.</summary>
    private async Task<Result<IReadOnlyList<TariffPeriod>>> TariffsAsync(string agreementId, CancellationToken cancellationToken)
    {
        if (await AgreementTerms.LoadAsync(db, agreementId, cancellationToken) is not { } terms)
        {
            return new NotFound($"No agreement {agreementId}.");
        }
        var tariffs = terms.Versions.Where(v => v.Tariff is not null).Select(v => new TariffPeriod(v.Number, v.EffectiveFrom.UtcDateTime,
            decimal.Parse(v.Tariff!.PerPersonDay, CultureInfo.InvariantCulture), v.Tariff.Currency,
            v.Tariff.FundingCeiling is { } c ? decimal.Parse(c, CultureInfo.InvariantCulture) : null, v.Tariff.WelfareCheckMaxAgeDays ?? 30)).ToList();
        if (tariffs.Count == 0)
        {
            return new Conflict($"Agreement {agreementId} has no tariff to invoice against.");
        }
        return Result<IReadOnlyList<TariffPeriod>>.Ok(tariffs);
    }

    public static bool TryMonth(string? text, out int year, out int month)
    {
        year = month = 0;
        return DateOnly.TryParseExact((text ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && (year = first.Year) > 0 && (month = first.Month) > 0;
    }
}
