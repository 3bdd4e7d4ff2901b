using Custody.Billing;
using CsCheck;

namespace Custody.Core.Tests.Billing;

public sealed class PersonDaysTests
{
    private static readonly TimeZoneInfo SanSalvador = TimeZoneInfo.FindSystemTimeZoneById("America/El_Salvador"); // UTC-6, no DST
    private static readonly Guid Person = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly TariffPeriod V1 = new(1, new DateTime(2025, 2, 3, 0, 0, 0, DateTimeKind.Utc), 54.79m, "USD", 6_000_000m, 30);

    private static DateTime Local(int month, int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified), SanSalvador);

    /// <summary>Welfare checks every day, so only the rule under test withholds.</summary>
    private static ILookup<Guid, DateTime> SeenDaily(params Guid[] people) =>
        people.SelectMany(p => Enumerable.Range(0, 90).Select(d => (p, Local(1, 1, 12, 0).AddDays(d)))).ToLookup(x => x.p, x => x.Item2);

    private static IReadOnlyList<PersonDay> March(IReadOnlyList<CustodySpan> spans, IReadOnlyList<TariffPeriod>? tariffs = null, ILookup<Guid, DateTime>? seen = null,
        IReadOnlyList<HoldSpan>? holds = null, decimal paidBefore = 0) =>
        PersonDays.Compute(2026, 3, spans, _ => SanSalvador, tariffs ?? [V1], Checks(seen ?? SeenDaily(Person)), holds ?? [], paidBefore);

    // Each instant seen as a check of its own, its id derived from the instant so a test can name it.
    private static ILookup<Guid, WelfareSeen> Checks(ILookup<Guid, DateTime> seen) =>
        seen.SelectMany(g => g.Select(t => (g.Key, new WelfareSeen(CheckAt(t), t)))).ToLookup(x => x.Key, x => x.Item2);

    private static Guid CheckAt(DateTime seenAt) => new(seenAt.Ticks.ToString("D32", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(23, 59, 10)] // admitted 23:59 on 9 March: counts from 10 March
    [InlineData(0, 1, 11)]   // admitted 00:01 on 10 March: counts from 11 March
    [InlineData(0, 0, 10)]   // admitted exactly at midnight: that midnight counts
    public void AdmissionNearMidnight_CountsFromTheNextMidnight(int hour, int minute, int firstDay)
    {
        var day = hour == 23 ? 9 : 10;
        var days = March([new CustodySpan(Person, "f", Local(3, day, hour, minute), null)]);
        Assert.Equal(new DateOnly(2026, 3, firstDay), days.Min(d => d.Date));
        Assert.Equal(31 - firstDay + 1, days.Count);
    }

    [Fact]
    public void Compute_EachPayableDay_NamesTheLatestCheckThatVouchedForIt_AndAWithheldDayForLackOfOneNamesNone()
    {
        var first = Local(3, 3, 10, 0);
        var second = Local(3, 20, 10, 0);
        var seen = new[] { (Person, first), (Person, second) }.ToLookup(x => x.Person, x => x.Item2);

        var days = March([new CustodySpan(Person, "f", Local(2, 20, 12, 0), null)], seen: seen);

        Assert.All(days.Where(d => d.Date < new DateOnly(2026, 3, 3)), d => Assert.Null(d.VouchedBy));
        Assert.All(days.Where(d => d.Date >= new DateOnly(2026, 3, 3) && d.Date < new DateOnly(2026, 3, 20)), d => Assert.Equal(CheckAt(first), d.VouchedBy));
        Assert.All(days.Where(d => d.Date >= new DateOnly(2026, 3, 20)), d => Assert.Equal(CheckAt(second), d.VouchedBy));
    }

    [Fact]
    public void ReleaseAtMidnightExactly_ThatDayDoesNotCount()
    {
        var days = March([new CustodySpan(Person, "f", Local(2, 1, 10, 0), Local(3, 15, 0, 0))]);
        Assert.Equal(new DateOnly(2026, 3, 14), days.Max(d => d.Date));
        Assert.Equal(14, days.Count);
    }

    [Fact]
    public void RateChangeMidMonth_EachDayTakesTheVersionInForceAtItsMidnight()
    {
        var v2 = new TariffPeriod(2, Local(3, 16, 0, 0), 60m, "USD", 6_000_000m, 30);
        var days = March([new CustodySpan(Person, "f", Local(2, 1, 10, 0), null)], [V1, v2]);
        Assert.Equal(15, days.Count(d => d.Version == 1 && d.Rate == 54.79m));
        Assert.Equal(16, days.Count(d => d.Version == 2 && d.Rate == 60m));
        Assert.Equal(new DateOnly(2026, 3, 16), days.Where(d => d.Version == 2).Min(d => d.Date));
    }

    [Fact]
    public void WelfareCheckExactlyMaxAgeDaysOld_IsPayable_OneDayOlderIsWithheld()
    {
        var seen = new[] { (Person, Local(2, 28, 9, 0)) }.ToLookup(x => x.Person, x => x.Item2); // 28 Feb local
        var days = March([new CustodySpan(Person, "f", Local(2, 1, 10, 0), null)], seen: seen);
        // 28 Feb + 30 days = 30 March: payable through 30 March, withheld from 31 March.
        Assert.Null(days.Single(d => d.Date == new DateOnly(2026, 3, 30)).WithheldReason);
        Assert.Equal(PersonDays.NoRecentWelfareCheck, days.Single(d => d.Date == new DateOnly(2026, 3, 31)).WithheldReason);
        Assert.Equal(30, days.Count(d => d.WithheldReason is null));
    }

    [Fact]
    public void WelfareCheckOnTheDayItself_Counts_ButNotOneTheDayAfter()
    {
        var seen = new[] { (Person, Local(3, 10, 23, 0)) }.ToLookup(x => x.Person, x => x.Item2);
        var days = March([new CustodySpan(Person, "f", Local(2, 1, 10, 0), null)], seen: seen);
        Assert.Equal(PersonDays.NoRecentWelfareCheck, days.Single(d => d.Date == new DateOnly(2026, 3, 9)).WithheldReason);
        Assert.Null(days.Single(d => d.Date == new DateOnly(2026, 3, 10)).WithheldReason);
    }

    [Fact]
    public void HoldLiftedMidMonth_WithholdsOnlyTheDaysItCovers()
    {
        var hold = new HoldSpan(Guid.Parse("00000000-0000-0000-0000-0000000000aa"), Person, new DateOnly(2026, 2, 20), new DateOnly(2026, 3, 12));
        var days = March([new CustodySpan(Person, "f", Local(2, 1, 10, 0), null)], holds: [hold]);
        Assert.Equal(11, days.Count(d => d.WithheldReason == PersonDays.PaymentHold(hold.Id)));
        Assert.Null(days.Single(d => d.Date == new DateOnly(2026, 3, 12)).WithheldReason);
    }

    [Fact]
    public void CeilingCrossedInsideAMonth_TheDaysAfterItAreOverCeiling()
    {
        var other = Guid.Parse("00000000-0000-0000-0000-000000000002");
        var spans = new[] { new CustodySpan(Person, "f", Local(2, 1, 10, 0), null), new CustodySpan(other, "f", Local(2, 1, 10, 0), null) };
        // 100 short of the ceiling: two days at 54.79 reach it (the second crosses it); every later day is over the ceiling.
        var days = March(spans, seen: SeenDaily(Person, other), paidBefore: 6_000_000m - 100m);
        Assert.Equal(2, days.Count(d => d.WithheldReason is null));
        Assert.Equal(60, days.Count(d => d.WithheldReason == PersonDays.OverCeiling));
        Assert.All(days.Where(d => d.WithheldReason is null), d => Assert.Equal(new DateOnly(2026, 3, 1), d.Date));
    }

    [Theory]
    [InlineData("0.0050", 1, "0.01")]
    [InlineData("0.0049", 1, "0.00")]
    [InlineData("54.7950", 1, "54.80")]
    [InlineData("54.79", 31, "1698.49")]
    public void LineAmount_RoundsHalfAwayFromZeroAtLineLevel(string rate, int days, string amount) =>
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
            PersonDays.LineAmount(days, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), "USD"));

    [Fact]
    public void RandomHistories_PayablePlusWithheldIsTheMidnightCount_AndNoPayableDayLacksAWelfareCheck()
    {
        Gen.Select(Gen.Int[0, 40], Gen.Int[0, 60], Gen.Int[0, 23], Gen.Int[0, 10].Array[0, 5], Gen.Bool).Sample((start, length, hour, checkDays, hold) =>
        {
            var from = Local(2, 10, hour, 7).AddDays(start);
            var span = new CustodySpan(Person, "f", from, length == 60 ? null : from.AddDays(length).AddHours(5));
            var seen = checkDays.Select(d => Local(2, 20, 8, 0).AddDays(d * 4)).ToLookup(_ => Person);
            var holds = hold ? new[] { new HoldSpan(Guid.NewGuid(), Person, new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 9)) } : [];
            var days = March([span], seen: seen, holds: holds);
            var midnights = Enumerable.Range(1, 31).Count(d => PersonDays.CountsOn(span, new DateOnly(2026, 3, d), _ => SanSalvador));
            Assert.Equal(midnights, days.Count);
            foreach (var day in days.Where(d => d.WithheldReason is null))
            {
                Assert.Contains(seen[Person], c =>
                {
                    var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(c, SanSalvador));
                    return local <= day.Date && local >= day.Date.AddDays(-30);
                });
            }
        });
    }
}
