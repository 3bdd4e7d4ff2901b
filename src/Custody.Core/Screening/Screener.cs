namespace Custody.Screening;

/// <summary>
/// The screening rules of DOMAIN.md as a pure function of the person's facts, the class orders,
/// the agreement and the instant; the destination is the agreement's receiving state. No database,
/// no clock: the caller passes the instant of the step being screened.
/// Dates compare by UTC calendar day; intervals are [from, until).
/// </summary>
public static class Screener
{
    public static ScreeningDecision Screen(PersonFacts person, IReadOnlyList<ClassOrderFacts> classOrders, AgreementTerms agreement, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(classOrders);
        ArgumentNullException.ThrowIfNull(agreement);
        var r = agreement.ReceivingState;
        var sending = agreement.SendingState;
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var inForce = agreement.InForce(at, out var terms);
        var causes = new List<ScreeningCause>();
        void Fire(string reason, string fact) => causes.Add(new ScreeningCause(reason, fact));

        if (inForce is null)
        {
            Fire(ScreeningCodes.AgreementNotInForce, "agreement");
        }
        if (IsMinor(person.DateOfBirth, today))
        {
            Fire(ScreeningCodes.Minor, "/dateOfBirth");
        }
        if (!person.Identifiers.Any(i => i.Verified))
        {
            Fire(ScreeningCodes.IdentityUnverified, "/identifiers");
        }
        Each(person.CitizenshipClaims, c => c.Country == sending && c.Status == "verified",
            i => Fire(ScreeningCodes.SendingStateCitizen, person.CitizenshipClaims[i].Ref ?? $"/citizenshipClaims/{i}"));
        Each(person.CitizenshipClaims, c => c.Country == sending && c.Status == "asserted",
            i => Fire(ScreeningCodes.CitizenshipClaimUnresolved, person.CitizenshipClaims[i].Ref ?? $"/citizenshipClaims/{i}"));
        if (person.RemovalOrder is not { Final: true })
        {
            Fire(ScreeningCodes.NoFinalRemovalOrder, "/removalOrder");
        }
        Each(person.Protections, p => p.Status == "granted" && Covers(p.Countries, r) && IsActive(p, today),
            i => Fire(ScreeningCodes.ProtectionCoversDestination, person.Protections[i].Ref ?? $"/protections/{i}"));
        Each(person.Protections, p => p.Status == "pending" && Covers(p.Countries, r),
            i => Fire(ScreeningCodes.ProtectionClaimPending, person.Protections[i].Ref ?? $"/protections/{i}"));
        Each(person.CourtOrders, o => o.Verified && Covers(o.Destinations, r) && IsActive(o.IssuedAt, o.ExpiresAt, o.LiftedAt, at),
            i => Fire(ScreeningCodes.CourtOrderBlocksRemoval, person.CourtOrders[i].Ref ?? $"/courtOrders/{i}"));
        Each(person.CourtOrders, o => !o.Verified && Covers(o.Destinations, r) && IsActive(o.IssuedAt, o.ExpiresAt, o.LiftedAt, at),
            i => Fire(ScreeningCodes.CourtOrderUnverified, person.CourtOrders[i].Ref ?? $"/courtOrders/{i}"));
        var thirdCountry = IsThirdCountry(person, r);
        foreach (var order in classOrders.Where(o => IsActive(o.IssuedAt, o.ExpiresAt, o.LiftedAt, at) && ClassOrderMatches(o, person, r, thirdCountry)))
        {
            Fire(ScreeningCodes.ClassOrderBlocksRemoval, "classOrder:" + order.Id);
        }
        Each(person.Proceedings, p => p.Status == "pending", i => Fire(ScreeningCodes.ProceedingPending, person.Proceedings[i].Ref ?? $"/proceedings/{i}"));
        if (thirdCountry)
        {
            ScreenNotices(person, r, terms.LegalRegime, at, Fire);
        }
        string FearClaim(int i) => person.FearClaims[i].Ref ?? $"/fearClaims/{i}";
        Each(person.FearClaims, f => f.Country == r && f.Outcome == "pending", i => Fire(ScreeningCodes.FearClaimPending, FearClaim(i)));
        Each(person.FearClaims, f => f.Country == r && f.Outcome == "positive", i => Fire(ScreeningCodes.FearClaimPositive, FearClaim(i)));
        Each(person.FearClaims, f => f.Country == r && f.Outcome == "negative" && f.DecidedAt is { } decided && at < decided.AddDays(terms.LegalRegime.ReopenWindowDays),
            i => Fire(ScreeningCodes.ReopenWindowOpen, FearClaim(i)));

        var categories = terms.Categories.Where(c => c.Enacted && FallsIn(person, c, sending, r)).Select(c => c.Id).ToList();
        if (inForce is not null && categories.Count == 0)
        {
            Fire(ScreeningCodes.NoEnactedCategory, "agreement");
        }

        var reasons = ScreeningCodes.Reasons.Where(code => causes.Any(c => c.Reason == code)).ToList();
        return new ScreeningDecision(person.Id, reasons.Count == 0 ? ScreeningCodes.Eligible : ScreeningCodes.Blocked,
            reasons, FlagsOf(person), categories, causes.OrderBy(c => IndexOf(c.Reason)).ToList(),
            agreement.Id, terms.Number, r, at);
    }

    private static int IndexOf(string reason)
    {
        for (var i = 0; i < ScreeningCodes.Reasons.Count; i++)
        {
            if (ScreeningCodes.Reasons[i] == reason)
            {
                return i;
            }
        }
        return int.MaxValue;
    }

    /// <summary>Under 18 on the UTC calendar day of the instant: turning 18 today is not a minor.</summary>
    public static bool IsMinor(DateOnly dateOfBirth, DateOnly today) => today < dateOfBirth.AddYears(18);

    /// <summary>R is neither one of P's nationalities nor one of the removal order's designated countries.</summary>
    public static bool IsThirdCountry(PersonFacts person, string r)
    {
        ArgumentNullException.ThrowIfNull(person);
        return !person.Nationalities.Contains(r) && !(person.RemovalOrder?.DesignatedCountries.Contains(r) ?? false);
    }

    // An empty list of countries covers every country.
    private static bool Covers(IReadOnlyList<string> countries, string r) => countries.Count == 0 || countries.Contains(r);

    private static bool IsActive(Protection p, DateOnly today) =>
        (p.EffectiveFrom is not { } from || from <= today) && (p.EffectiveUntil is not { } until || today < until);

    private static bool IsActive(DateTimeOffset issued, DateTimeOffset? expires, DateTimeOffset? lifted, DateTimeOffset at) =>
        issued <= at && (expires is not { } e || at < e) && (lifted is not { } l || at < l);

    /// <summary>Every predicate the order states must match; an order that states none matches no one.</summary>
    private static bool ClassOrderMatches(ClassOrderFacts order, PersonFacts person, string r, bool thirdCountry)
    {
        var stated = 0;
        if (order.Destinations is { } destinations)
        {
            stated++;
            if (!destinations.Contains(r))
            {
                return false;
            }
        }
        if (order.Nationalities is { } nationalities)
        {
            stated++;
            if (!nationalities.Intersect(person.Nationalities).Any())
            {
                return false;
            }
        }
        if (order.RemovalAuthorities is { } authorities)
        {
            stated++;
            if (person.RemovalOrder is not { } removal || !authorities.Contains(removal.Authority))
            {
                return false;
            }
        }
        if (order.ThirdCountryOnly is { } thirdCountryOnly)
        {
            stated++;
            if (!(thirdCountryOnly && thirdCountry))
            {
                return false;
            }
        }
        return stated > 0;
    }

    private static void ScreenNotices(PersonFacts person, string r, LegalRegime regime, DateTimeOffset at, Action<string, string> fire)
    {
        var notices = person.Notices.Select((n, i) => (Notice: n, Index: i)).Where(x => x.Notice.Kind == "third-country-removal" && x.Notice.Country == r).ToList();
        if (notices.Count == 0)
        {
            fire(ScreeningCodes.ThirdCountryNoticeMissing, "/notices");
            return;
        }
        var valid = notices.Where(x => person.Languages.Contains(x.Notice.Language)
            && x.Notice.ServedOn.Contains("person")
            && (!person.HasCounselOfRecord || x.Notice.ServedOn.Contains("counsel"))).ToList();
        if (valid.Count == 0)
        {
            foreach (var (_, index) in notices)
            {
                fire(ScreeningCodes.ThirdCountryNoticeDefective, person.Notices[index].Ref ?? $"/notices/{index}");
            }
            return;
        }
        if (valid.All(x => at < x.Notice.ServedAt.AddHours(regime.ThirdCountryNoticeHours)))
        {
            foreach (var (_, index) in valid)
            {
                fire(ScreeningCodes.ThirdCountryNoticePeriodRunning, person.Notices[index].Ref ?? $"/notices/{index}");
            }
        }
    }

    private static bool FallsIn(PersonFacts person, CategoryTerms category, string sending, string r) => category.Kind switch
    {
        "nationals-of-receiving-state" => person.Nationalities.Contains(r),
        "convicted" => person.Convictions.Any(c => Counts(c, category)),
        "designated-member" => person.Designations.Any(d => d.IsValidated && category.Groups.Contains(d.Group)),
        "sending-state-citizens-convicted" => person.CitizenshipClaims.Any(c => c.Country == sending && c.Status == "verified")
            && person.Convictions.Any(c => Counts(c, category)),
        _ => false,
    };

    // A conviction counts when its category is not excluded and, where a minimum is stated, its
    // sentence is known and at least that long.
    private static bool Counts(Conviction conviction, CategoryTerms category) =>
        !category.ExcludeOffenseCategories.Contains(conviction.Category)
        && (category.MinSentenceMonths is not { } min || conviction.SentenceMonths is { } months && months >= min);

    private static List<string> FlagsOf(PersonFacts person)
    {
        var flags = new List<string>(3);
        if (!person.Convictions.Any(c => c.Category != "immigration"))
        {
            flags.Add(ScreeningCodes.NoCriminalConviction);
        }
        if (person.Designations.Any(d => !d.IsValidated))
        {
            flags.Add(ScreeningCodes.DesignationUnvalidated);
        }
        if (person.HasCounselOfRecord)
        {
            flags.Add(ScreeningCodes.RepresentedByCounsel);
        }
        return flags;
    }

    private static void Each<T>(IReadOnlyList<T> items, Func<T, bool> fires, Action<int> fire)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (fires(items[i]))
            {
                fire(i);
            }
        }
    }
}
