namespace Custody.Discipline;

/// <summary>A sanction as decided: its kind, whether it falls on a group, when it starts and for how many days.</summary>
public sealed record Sanction(string Kind, DateOnly StartsOn, int Days, bool Collective);

/// <summary>A health professional's assessment, required before solitary confinement (Mandela Rule 46).</summary>
public sealed record HealthAssessment(bool Pregnant, bool DisabilityWorsened);

/// <summary>A limit the sanction would breach, named by its rule.</summary>
public sealed record RuleBreach(string Rule, string Message);

/// <summary>
/// The UN Standard Minimum Rules for the Treatment of Prisoners (the Nelson Mandela Rules) on
/// discipline, as a pure decision: the breaches a sanction would commit, none when it may be imposed.
/// Rule 43(1): (a) no indefinite and (b) no prolonged solitary confinement (more than 15 consecutive
/// days, rule 44), (c) no dark or constantly lit cell, (d) no corporal punishment nor reduction of
/// diet or drinking water, (e) no collective punishment. Rule 45(2): no solitary confinement of children, of pregnant women, or of
/// people with disabilities it would worsen.
/// </summary>
public static class MandelaRules
{
    public const string SolitaryConfinement = "solitary-confinement";
    public const int MaxConsecutiveSolitaryDays = 15;

    /// <summary>The sanctions a facility may record; the forbidden ones are listed so that a refusal can name its rule.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        [SolitaryConfinement, "loss-of-privileges", "restriction-of-visits", "reprimand", "extra-duties",
         "indefinite-solitary-confinement", "dark-or-constantly-lit-cell", "corporal-punishment", "reduction-of-food-or-water"];

    private static readonly Dictionary<string, RuleBreach> Forbidden = new(StringComparer.Ordinal)
    {
        ["indefinite-solitary-confinement"] = new("43(1)(a)", "Indefinite solitary confinement is prohibited."),
        ["dark-or-constantly-lit-cell"] = new("43(1)(c)", "Placement in a dark or constantly lit cell is prohibited."),
        ["corporal-punishment"] = new("43(1)(d)", "Corporal punishment is prohibited."),
        ["reduction-of-food-or-water"] = new("43(1)(d)", "Reducing a prisoner's diet or drinking water is prohibited."),
    };

    /// <param name="sanction">The sanction to impose.</param>
    /// <param name="ageAtStart">The person's age in years on the first day.</param>
    /// <param name="solitaryDaysBefore">Earlier solitary confinement of the person: each as its days (first and last, inclusive).</param>
    /// <param name="health">The health assessment; required for solitary confinement.</param>
    public static IReadOnlyList<RuleBreach> Breaches(Sanction sanction, int ageAtStart, IEnumerable<(DateOnly First, DateOnly Last)> solitaryDaysBefore, HealthAssessment? health)
    {
        ArgumentNullException.ThrowIfNull(sanction);
        ArgumentNullException.ThrowIfNull(solitaryDaysBefore);
        var breaches = new List<RuleBreach>();
        if (Forbidden.TryGetValue(sanction.Kind, out var forbidden))
        {
            breaches.Add(forbidden);
        }
        if (sanction.Collective)
        {
            breaches.Add(new("43(1)(e)", "Collective punishment is prohibited: a sanction falls on the person found responsible, after a hearing."));
        }
        if (sanction.Kind != SolitaryConfinement)
        {
            return breaches;
        }
        if (ageAtStart < 18)
        {
            breaches.Add(new("45(2)", "Solitary confinement is prohibited for children."));
        }
        if (health is null)
        {
            breaches.Add(new("46", "Solitary confinement needs a health professional's assessment first (pregnancy, disabilities)."));
        }
        else
        {
            if (health.Pregnant)
            {
                breaches.Add(new("45(2)", "Solitary confinement is prohibited for pregnant women."));
            }
            if (health.DisabilityWorsened)
            {
                breaches.Add(new("45(2)", "Solitary confinement is prohibited where it would worsen a physical or mental disability."));
            }
        }
        var consecutive = ConsecutiveDays(sanction.StartsOn, sanction.StartsOn.AddDays(sanction.Days - 1), solitaryDaysBefore);
        if (consecutive > MaxConsecutiveSolitaryDays)
        {
            breaches.Add(new("43(1)(b), 44", $"Solitary confinement may not exceed {MaxConsecutiveSolitaryDays} consecutive days; with the days before it, this would be {consecutive}."));
        }
        return breaches;
    }

    /// <summary>Age in whole years on a day; someone born on 29 February turns a year older on 1 March in a common year.</summary>
    public static int AgeOn(DateOnly born, DateOnly day)
    {
        var age = day.Year - born.Year;
        var birthday = born.Month == 2 && born.Day == 29 && !DateTime.IsLeapYear(day.Year) ? new DateOnly(day.Year, 3, 1) : new DateOnly(day.Year, born.Month, born.Day);
        return day < birthday ? age - 1 : age;
    }

    // The length of the unbroken run of solitary days that contains the new span, joining spans that touch or overlap it.
    private static int ConsecutiveDays(DateOnly first, DateOnly last, IEnumerable<(DateOnly First, DateOnly Last)> before)
    {
        var spans = before.OrderBy(s => s.First).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var (f, l) in spans)
            {
                if (f <= last.AddDays(1) && l >= first.AddDays(-1) && (f < first || l > last))
                {
                    first = f < first ? f : first;
                    last = l > last ? l : last;
                    changed = true;
                }
            }
        }
        while (changed);
        return last.DayNumber - first.DayNumber + 1;
    }
}
