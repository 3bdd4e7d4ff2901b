namespace Custody.Billing;

/// <summary>A stretch of receiving custody under the agreement at one facility: from an instant until (not including) another, or still open.</summary>
public sealed record CustodySpan(Guid PersonId, string FacilityId, DateTime From, DateTime? Until);

/// <summary>The tariff of one agreement version: from when, the rate per person-day, currency, ceiling and the welfare-check window.</summary>
public sealed record TariffPeriod(int Version, DateTime EffectiveFrom, decimal Rate, string Currency, decimal? Ceiling, int WelfareCheckMaxAgeDays);

/// <summary>A payment hold from a date until the date it was lifted (exclusive), for one person or (PersonId null) everyone under the agreement.</summary>
public sealed record HoldSpan(Guid Id, Guid? PersonId, DateOnly From, DateOnly? Until);

/// <summary>A welfare check that makes days payable (an independent monitor's, identity confirmed, recorded in time): which, and when the person was seen.</summary>
public sealed record WelfareSeen(Guid CheckId, DateTime SeenAt);

/// <summary>
/// One person-day: the date, the tariff version and rate that apply, why it is withheld (null when
/// payable), and the welfare check that vouched for the person's presence (null when none did).
/// </summary>
public sealed record PersonDay(Guid PersonId, DateOnly Date, int Version, decimal Rate, string? WithheldReason, Guid? VouchedBy = null);

/// <summary>
/// The person-day rules of issue 6, as a pure function (tested at every boundary):
/// a person counts for date D when, at 00:00 on D in the facility's time zone, they are in
/// receiving custody under the agreement (admission day counts from the next midnight; release day
/// does not count). The rate is that of the version in force at that midnight. A day is payable
/// only with a welfare check dated (in the facility's zone) no more than welfareCheckMaxAgeDays
/// before D — D itself counts — and no payment hold covering D; once cumulative payable amounts
/// reach the ceiling, further days are withheld as over-ceiling. Days are taken in date order,
/// then person order, so the ceiling falls on the same days every time.
/// </summary>
public static class PersonDays
{
    public const string NoRecentWelfareCheck = "no-recent-welfare-check";
    public const string OverCeiling = "over-ceiling";

    public static string PaymentHold(Guid holdId) => "payment-hold:" + holdId;

    /// <summary>The person-days of a calendar month; <paramref name="paidBefore"/> is what was already payable towards the ceiling before it.</summary>
    public static IReadOnlyList<PersonDay> Compute(int year, int month, IReadOnlyList<CustodySpan> spans, Func<string, TimeZoneInfo> zoneOf,
        IReadOnlyList<TariffPeriod> tariffs, ILookup<Guid, WelfareSeen> welfareChecks, IReadOnlyList<HoldSpan> holds, decimal paidBefore)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(zoneOf);
        ArgumentNullException.ThrowIfNull(tariffs);
        ArgumentNullException.ThrowIfNull(welfareChecks);
        ArgumentNullException.ThrowIfNull(holds);
        var days = new List<PersonDay>();
        var cumulative = paidBefore;
        var dates = Enumerable.Range(0, DateTime.DaysInMonth(year, month)).Select(d => new DateOnly(year, month, 1).AddDays(d)).ToArray();
        // Computed once (a full prison is tens of thousands of people × 31 days): each facility's midnights and
        // tariffs, each person's welfare-check dates in the facility's zone, sorted.
        var midnights = spans.Select(s => s.FacilityId).Distinct().ToDictionary(f => f, f => dates.Select(d => Midnight(d, zoneOf(f))).ToArray());
        var ordered = spans.OrderBy(s => s.PersonId).ThenBy(s => s.From).ToArray();
        var checks = ordered.GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, (DateOnly Date, Guid Id)[]>)g.Select(s => s.FacilityId).Distinct()
            .ToDictionary(f => f, f => welfareChecks[g.Key].OrderBy(c => c.SeenAt).ThenBy(c => c.CheckId)
                .Select(c => (DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(c.SeenAt, zoneOf(f))), c.CheckId)).ToArray()));
        var byStart = tariffs.OrderBy(t => t.EffectiveFrom).ToArray();
        for (var i = 0; i < dates.Length; i++)
        {
            var date = dates[i];
            foreach (var span in ordered)
            {
                var midnight = midnights[span.FacilityId][i];
                if (!(span.From <= midnight && (span.Until is null || midnight < span.Until)))
                {
                    continue;
                }
                var tariff = byStart.LastOrDefault(t => t.EffectiveFrom <= midnight);
                if (tariff is null)
                {
                    continue; // no version in force: nothing is owed for that day under this agreement
                }
                var seen = checks[span.PersonId][span.FacilityId];
                var latest = LatestOnOrBefore(seen, date);
                var hold = holds.Where(h => (h.PersonId is null || h.PersonId == span.PersonId) && h.From <= date && (h.Until is null || date < h.Until))
                    .OrderBy(h => h.From).ThenBy(h => h.Id).FirstOrDefault();
                var recent = latest is { } check && check.Date >= date.AddDays(-tariff.WelfareCheckMaxAgeDays) ? check.Id : (Guid?)null;
                string? reason = recent is null ? NoRecentWelfareCheck
                    : hold is not null ? PaymentHold(hold.Id)
                    : tariff.Ceiling is { } ceiling && cumulative >= ceiling ? OverCeiling
                    : null;
                if (reason is null)
                {
                    cumulative += tariff.Rate;
                }
                days.Add(new PersonDay(span.PersonId, date, tariff.Version, tariff.Rate, reason, recent));
            }
        }
        return days;
    }

    // The last check seen on or before the date (by date, then by the instant it was seen): the one that vouches for it.
    private static (DateOnly Date, Guid Id)? LatestOnOrBefore((DateOnly Date, Guid Id)[] sorted, DateOnly date)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle].Date <= date)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low > 0 ? sorted[low - 1] : null;
    }

    /// <summary>Whether the span contains 00:00 on <paramref name="date"/> in its facility's zone.</summary>
    public static bool CountsOn(CustodySpan span, DateOnly date, Func<string, TimeZoneInfo> zoneOf)
    {
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(zoneOf);
        var midnight = Midnight(date, zoneOf(span.FacilityId));
        return span.From <= midnight && (span.Until is null || midnight < span.Until);
    }

    /// <summary>The UTC instant of 00:00 on the date in the zone (the first valid instant after it where a clock change skips midnight).</summary>
    public static DateTime Midnight(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The currency's minor unit (ISO 4217 exponent): 2 unless listed.</summary>
    public static int MinorUnits(string currency) => currency switch
    {
        "JPY" or "KRW" or "CLP" or "ISK" or "PYG" or "UGX" or "VND" or "XAF" or "XOF" => 0,
        "BHD" or "IQD" or "JOD" or "KWD" or "LYD" or "OMR" or "TND" => 3,
        _ => 2,
    };

    /// <summary>Whether an amount is stated in whole minor units of the currency (no fraction of a cent, of a yen, of a fils).</summary>
    public static bool InMinorUnits(decimal amount, string currency) => decimal.Round(amount, MinorUnits(currency)) == amount;

    /// <summary>A line's amount: days × rate, exact, rounded half away from zero to the currency's minor unit.</summary>
    public static decimal LineAmount(int payableDays, decimal rate, string currency) =>
        Math.Round(payableDays * rate, MinorUnits(currency), MidpointRounding.AwayFromZero);
}
