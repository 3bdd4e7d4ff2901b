using Custody.Discipline;

namespace Custody.Core.Tests.Discipline;

/// <summary>The Nelson Mandela Rules on discipline, at their boundaries.</summary>
public sealed class MandelaRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 1);
    private static readonly HealthAssessment Fit = new(Pregnant: false, DisabilityWorsened: false);

    private static List<string> Rules(Sanction sanction, int age = 30, HealthAssessment? health = null, params (DateOnly, DateOnly)[] before) =>
        MandelaRules.Breaches(sanction, age, before, health ?? Fit).Select(b => b.Rule).ToList();

    [Theory]
    [InlineData(15, false)]
    [InlineData(16, true)]
    public void Solitary_UpTo15ConsecutiveDays(int days, bool refused) =>
        Assert.Equal(refused, Rules(new Sanction(MandelaRules.SolitaryConfinement, Day, days, false)).Contains("43(1)(b), 44"));

    [Fact]
    public void Solitary_The16thConsecutiveDay_CountsTheMeasureBeforeIt()
    {
        var before = (Day.AddDays(-10), Day.AddDays(-1)); // ten days ending the day before

        Assert.Empty(Rules(new Sanction(MandelaRules.SolitaryConfinement, Day, 5, false), before: before));
        Assert.Equal(["43(1)(b), 44"], Rules(new Sanction(MandelaRules.SolitaryConfinement, Day, 6, false), before: before));
        // A day's break ends the run.
        Assert.Empty(Rules(new Sanction(MandelaRules.SolitaryConfinement, Day.AddDays(1), 15, false), before: before));
    }

    [Theory]
    [InlineData(17, true)]
    [InlineData(18, false)]
    public void Solitary_NeverForChildren(int age, bool refused) =>
        Assert.Equal(refused, Rules(new Sanction(MandelaRules.SolitaryConfinement, Day, 1, false), age).Contains("45(2)"));

    [Fact]
    public void Solitary_NeverForPregnantWomen_NorWhereItWorsensADisability_AndNeverWithoutAnAssessment()
    {
        var solitary = new Sanction(MandelaRules.SolitaryConfinement, Day, 1, false);

        Assert.Equal(["45(2)"], Rules(solitary, health: new HealthAssessment(true, false)));
        Assert.Equal(["45(2)"], Rules(solitary, health: new HealthAssessment(false, true)));
        Assert.Equal(["46"], MandelaRules.Breaches(solitary, 30, [], null).Select(b => b.Rule));
    }

    [Theory]
    [InlineData("indefinite-solitary-confinement", "43(1)(a)")]
    [InlineData("dark-or-constantly-lit-cell", "43(1)(c)")]
    [InlineData("corporal-punishment", "43(1)(d)")]
    [InlineData("reduction-of-food-or-water", "43(1)(d)")]
    public void ForbiddenSanctions_AreRefusedNamingTheRule(string kind, string rule) =>
        Assert.Equal([rule], Rules(new Sanction(kind, Day, 1, false)));

    [Theory]
    [InlineData("2008-02-29", "2026-02-28", 17)]
    [InlineData("2008-02-29", "2026-03-01", 18)]
    [InlineData("2008-02-29", "2028-02-29", 20)]
    [InlineData("2008-06-15", "2026-06-14", 17)]
    [InlineData("2008-06-15", "2026-06-15", 18)]
    public void AgeOn_TurnsOnTheBirthday_AndALeapDayBirthdayOnTheFirstOfMarch(string born, string day, int age) =>
        Assert.Equal(age, MandelaRules.AgeOn(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void CollectivePunishment_IsRefused_AnOrdinarySanctionIsNot()
    {
        Assert.Equal(["43(1)(e)"], Rules(new Sanction("loss-of-privileges", Day, 7, true)));
        Assert.Empty(Rules(new Sanction("loss-of-privileges", Day, 30, false), age: 16));
    }
}
