using System.Text.Json.Nodes;
using Custody.Screening;
using static Custody.Core.Tests.Screening.ScreeningFixtures;

namespace Custody.Core.Tests.Screening;

/// <summary>One rule at a time, at its boundary: exactly at the instant or date, one minute or one day either side.</summary>
public sealed class ScreeningRuleTests
{
    private static readonly DateTimeOffset T = SampleInstant;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static IReadOnlyList<string> Reasons(JsonObject person, DateTimeOffset? at = null, AgreementTerms? agreement = null, params JsonObject[] orders) =>
        Screen(person, at, agreement, orders).Reasons;

    [Fact]
    public void Baseline_EligiblePeople_AreEligible()
    {
        Assert.True(Screen(EligibleSalvadoran()).IsEligible);
        Assert.True(Screen(EligibleVenezuelan()).IsEligible);
    }

    [Theory]
    [InlineData("2025-02-02T23:59:00Z", true, 1)]   // a minute before version 1
    [InlineData("2025-02-03T00:00:00Z", false, 1)]  // exactly when version 1 starts
    [InlineData("2025-03-13T23:59:00Z", false, 1)]
    [InlineData("2025-03-14T00:00:00Z", false, 2)]
    public void AgreementNotInForce_BeforeTheFirstVersion(string at, bool fires, int version)
    {
        var decision = Screen(EligibleSalvadoran(), DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(fires, decision.Reasons.Contains(ScreeningCodes.AgreementNotInForce));
        Assert.Equal(version, decision.AgreementVersion);
        Assert.DoesNotContain(ScreeningCodes.NoEnactedCategory, decision.Reasons);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void AgreementNotInForce_FromItsEnd(int minutesFromEnd, bool fires)
    {
        var agreement = AgreementEnding("2026-01-01T00:00:00Z");
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) + minutesFromEnd * Minute;

        var decision = Screen(EligibleSalvadoran(), at, agreement);

        Assert.Equal(fires, decision.Reasons.Contains(ScreeningCodes.AgreementNotInForce));
        Assert.Equal(2, decision.AgreementVersion);
    }

    [Fact]
    public void AgreementNotInForce_NoEnactedCategoryIsNotEvaluated()
    {
        var person = EligibleSalvadoran();
        person["nationalities"] = new JsonArray("HN");
        person.Remove("convictions");
        person["removalOrder"]!["designatedCountries"] = new JsonArray("SV");

        Assert.Contains(ScreeningCodes.NoEnactedCategory, Reasons(person));
        Assert.Equal([ScreeningCodes.AgreementNotInForce], Reasons(person, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(0, false)]   // turning 18 today
    [InlineData(1, true)]    // turns 18 tomorrow
    [InlineData(-1, false)]  // turned 18 yesterday
    public void Minor_AtTheEighteenthBirthday(int birthdayInDays, bool fires)
    {
        var person = EligibleSalvadoran();
        person["dateOfBirth"] = DateOnly.FromDateTime(T.UtcDateTime).AddDays(birthdayInDays).AddYears(-18).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(fires, Reasons(person).Contains(ScreeningCodes.Minor));
    }

    [Fact]
    public void Minor_BirthdayByUtcCalendarDay_NotByLocalTime()
    {
        var person = EligibleSalvadoran();
        person["dateOfBirth"] = "2007-03-21";
        // 23:30 on the 20th in UTC is already the 21st in some zones; the rule counts UTC days.
        Assert.Contains(ScreeningCodes.Minor, Reasons(person, new DateTimeOffset(2025, 3, 20, 23, 30, 0, TimeSpan.Zero)));
        Assert.DoesNotContain(ScreeningCodes.Minor, Reasons(person, new DateTimeOffset(2025, 3, 21, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void IdentityUnverified_WithoutAVerifiedIdentifier(bool verified, bool fires)
    {
        var person = EligibleSalvadoran();
        person["identifiers"] = JsonNode.Parse($$"""[{"scheme":"passport","value":"P1","verified":false},{"scheme":"a-number","value":"A1","verified":{{(verified ? "true" : "false")}}}]""");

        Assert.Equal(fires, Reasons(person).Contains(ScreeningCodes.IdentityUnverified));
    }

    [Fact]
    public void IdentityUnverified_NoIdentifiersAtAll_Fires()
    {
        var person = EligibleSalvadoran();
        person.Remove("identifiers");

        Assert.Contains(ScreeningCodes.IdentityUnverified, Reasons(person));
    }

    [Theory]
    [InlineData("US", "verified", ScreeningCodes.SendingStateCitizen)]
    [InlineData("US", "asserted", ScreeningCodes.CitizenshipClaimUnresolved)]
    [InlineData("US", "rejected", null)]
    [InlineData("MX", "verified", null)]
    [InlineData("MX", "asserted", null)]
    public void CitizenshipClaims_OfTheSendingState(string country, string status, string? reason)
    {
        var person = EligibleSalvadoran();
        person["citizenshipClaims"] = JsonNode.Parse($$"""[{"country":"{{country}}","status":"{{status}}"}]""");

        var reasons = Reasons(person);

        Assert.Equal(reason is null ? [] : [reason], reasons);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void NoFinalRemovalOrder(bool? final, bool fires)
    {
        var person = EligibleSalvadoran();
        if (final is null)
        {
            person.Remove("removalOrder");
        }
        else
        {
            person["removalOrder"]!["final"] = final.Value;
        }

        Assert.Equal(fires, Reasons(person).Contains(ScreeningCodes.NoFinalRemovalOrder));
    }

    [Theory]
    [InlineData(0, null, true)]      // in effect from today
    [InlineData(1, null, false)]     // from tomorrow
    [InlineData(-10, 0, false)]      // ending today: [from, until) excludes today
    [InlineData(-10, 1, true)]       // ending tomorrow
    [InlineData(-10, -1, false)]     // ended yesterday
    public void ProtectionCoversDestination_ActiveByCalendarDay(int fromDays, int? untilDays, bool fires)
    {
        var person = EligibleSalvadoran();
        var protection = new JsonObject { ["kind"] = "withholding-of-removal", ["status"] = "granted", ["countries"] = new JsonArray("SV"), ["effectiveFrom"] = Date(T, fromDays) };
        if (untilDays is { } until)
        {
            protection["effectiveUntil"] = Date(T, until);
        }
        person["protections"] = new JsonArray(protection);

        Assert.Equal(fires, Reasons(person).Contains(ScreeningCodes.ProtectionCoversDestination));
    }

    [Theory]
    [InlineData("granted", "[]", ScreeningCodes.ProtectionCoversDestination)]
    [InlineData("granted", "[\"SV\",\"HN\"]", ScreeningCodes.ProtectionCoversDestination)]
    [InlineData("granted", "[\"HN\"]", null)]
    [InlineData("denied", "[\"SV\"]", null)]
    [InlineData("terminated", "[]", null)]
    [InlineData("pending", "[\"SV\"]", ScreeningCodes.ProtectionClaimPending)]
    [InlineData("pending", "[]", ScreeningCodes.ProtectionClaimPending)]
    [InlineData("pending", "[\"HN\"]", null)]
    public void Protections_ByStatusAndCountries(string status, string countries, string? reason)
    {
        var person = EligibleSalvadoran();
        person["protections"] = JsonNode.Parse($$"""[{"kind":"asylum","status":"{{status}}","countries":{{countries}}}]""");

        Assert.Equal(reason is null ? [] : [reason], Reasons(person));
    }

    [Theory]
    [InlineData(0, null, null, true)]     // issued exactly now
    [InlineData(1, null, null, false)]    // issued a minute from now
    [InlineData(-60, 1, null, true)]      // expires a minute from now
    [InlineData(-60, 0, null, false)]     // expires now
    [InlineData(-60, null, 1, true)]      // lifted a minute from now: still in force
    [InlineData(-60, null, 0, false)]     // lifted now
    [InlineData(-60, null, -1, false)]    // lifted a minute ago
    public void CourtOrder_ActiveAtTheInstant(int issuedMinutes, int? expiresMinutes, int? liftedMinutes, bool fires)
    {
        foreach (var verified in new[] { true, false })
        {
            var person = EligibleSalvadoran();
            var order = new JsonObject { ["kind"] = "stay-of-removal", ["court"] = "9th Cir.", ["issuedAt"] = Instant(T + issuedMinutes * Minute), ["verified"] = verified };
            if (expiresMinutes is { } e)
            {
                order["expiresAt"] = Instant(T + e * Minute);
            }
            if (liftedMinutes is { } l)
            {
                order["liftedAt"] = Instant(T + l * Minute);
            }
            person["courtOrders"] = new JsonArray(order);

            var expected = verified ? ScreeningCodes.CourtOrderBlocksRemoval : ScreeningCodes.CourtOrderUnverified;
            Assert.Equal(fires ? [expected] : [], Reasons(person));
        }
    }

    [Theory]
    [InlineData("[]", true)]
    [InlineData("[\"SV\"]", true)]
    [InlineData("[\"HN\"]", false)]
    public void CourtOrder_ByDestination(string destinations, bool fires)
    {
        var person = EligibleSalvadoran();
        person["courtOrders"] = JsonNode.Parse($$"""[{"kind":"no-transfer-order","court":"c","issuedAt":"2025-03-01T00:00:00Z","verified":true,"destinations":{{destinations}}}]""");

        Assert.Equal(fires, Reasons(person).Contains(ScreeningCodes.CourtOrderBlocksRemoval));
    }

    [Theory]
    [InlineData("\"destinations\": [\"SV\"]", true)]
    [InlineData("\"destinations\": [\"HN\"]", false)]
    [InlineData("\"nationalities\": [\"VE\", \"CO\"]", true)]
    [InlineData("\"nationalities\": [\"SV\"]", false)]
    [InlineData("\"removalAuthorities\": [\"ina-240\"]", true)]
    [InlineData("\"removalAuthorities\": [\"alien-enemies-act\"]", false)]
    [InlineData("\"thirdCountryOnly\": true", true)]
    [InlineData("\"thirdCountryOnly\": false", false)]
    [InlineData("\"destinations\": [\"SV\"], \"nationalities\": [\"VE\"], \"thirdCountryOnly\": true", true)]
    [InlineData("\"destinations\": [\"SV\"], \"nationalities\": [\"HN\"]", false)]
    public void ClassOrder_EveryStatedPredicateMustMatch(string predicates, bool fires)
    {
        var order = JsonNode.Parse($$"""{"id":"CO-T","court":"c","description":"d","issuedAt":"2025-03-01T00:00:00Z",{{predicates}}}""")!.AsObject();

        Assert.Equal(fires, Reasons(EligibleVenezuelan(), null, null, order).Contains(ScreeningCodes.ClassOrderBlocksRemoval));
    }

    [Fact]
    public void ClassOrder_ThirdCountryOnly_DoesNotReachNationals()
    {
        var order = JsonNode.Parse("""{"id":"CO-T","court":"c","description":"d","issuedAt":"2025-03-01T00:00:00Z","thirdCountryOnly":true}""")!.AsObject();

        Assert.True(Screen(EligibleSalvadoran(), null, null, order).IsEligible);
    }

    [Fact]
    public void ClassOrder_NoRemovalOrder_DoesNotMatchAnAuthority()
    {
        var person = EligibleVenezuelan();
        person.Remove("removalOrder");
        var order = JsonNode.Parse("""{"id":"CO-T","court":"c","description":"d","issuedAt":"2025-03-01T00:00:00Z","removalAuthorities":["ina-240"]}""")!.AsObject();

        Assert.DoesNotContain(ScreeningCodes.ClassOrderBlocksRemoval, Reasons(person, null, null, order));
    }

    [Theory]
    [InlineData(0, null, null, true)]
    [InlineData(1, null, null, false)]
    [InlineData(-60, 0, null, false)]
    [InlineData(-60, 1, null, true)]
    [InlineData(-60, null, 0, false)]
    [InlineData(-60, null, 1, true)]
    public void ClassOrder_ActiveAtTheInstant(int issuedMinutes, int? expiresMinutes, int? liftedMinutes, bool fires)
    {
        var order = new JsonObject { ["id"] = "CO-T", ["court"] = "c", ["description"] = "d", ["issuedAt"] = Instant(T + issuedMinutes * Minute), ["destinations"] = new JsonArray("SV") };
        if (expiresMinutes is { } e)
        {
            order["expiresAt"] = Instant(T + e * Minute);
        }
        if (liftedMinutes is { } l)
        {
            order["liftedAt"] = Instant(T + l * Minute);
        }

        Assert.Equal(fires, Reasons(EligibleSalvadoran(), null, null, order).Contains(ScreeningCodes.ClassOrderBlocksRemoval));
    }

    [Theory]
    [InlineData("pending", true)]
    [InlineData("decided", false)]
    [InlineData("withdrawn", false)]
    public void ProceedingPending(string status, bool fires)
    {
        foreach (var kind in new[] { "habeas", "appeal", "motion-to-reopen", "other" })
        {
            var person = EligibleSalvadoran();
            person["proceedings"] = JsonNode.Parse($$"""[{"kind":"{{kind}}","status":"{{status}}"}]""");

            Assert.Equal(fires, Reasons(person).Contains(ScreeningCodes.ProceedingPending));
        }
    }

    [Fact]
    public void ThirdCountry_NoNoticeForTheDestination_IsMissing()
    {
        var person = EligibleVenezuelan();
        person["notices"]![0]!["country"] = "HN";

        Assert.Equal([ScreeningCodes.ThirdCountryNoticeMissing], Reasons(person));
    }

    [Fact]
    public void ThirdCountry_DesignatedCountryIsNotAThirdCountry()
    {
        var person = EligibleVenezuelan();
        person.Remove("notices");
        person["removalOrder"]!["designatedCountries"] = new JsonArray("VE", "SV");

        Assert.True(Screen(person).IsEligible);
    }

    [Theory]
    [InlineData("en", "[\"person\"]", false, true)]             // a language the person does not speak
    [InlineData("es", "[\"counsel\"]", false, true)]            // not served on the person
    [InlineData("es", "[\"person\"]", true, true)]              // counsel of record not served
    [InlineData("es", "[\"person\",\"counsel\"]", true, false)]
    [InlineData("es", "[\"person\"]", false, false)]
    public void ThirdCountryNotice_Defective(string language, string servedOn, bool counselOfRecord, bool fires)
    {
        var person = EligibleVenezuelan();
        person["notices"] = JsonNode.Parse($$"""[{"kind":"third-country-removal","country":"SV","servedAt":"2025-03-01T15:00:00Z","servedOn":{{servedOn}},"language":"{{language}}"}]""");
        if (counselOfRecord)
        {
            person["counsel"] = JsonNode.Parse("""[{"name":"C","ofRecord":true}]""");
        }

        Assert.Equal(fires, Reasons(person).Contains(ScreeningCodes.ThirdCountryNoticeDefective));
    }

    [Fact]
    public void ThirdCountryNotice_CounselNotOfRecord_NeedNotBeServed()
    {
        var person = EligibleVenezuelan();
        person["counsel"] = JsonNode.Parse("""[{"name":"C","ofRecord":false}]""");

        Assert.True(Screen(person).IsEligible);
    }

    [Theory]
    [InlineData(0, false)]    // the 240 hours elapse exactly now
    [InlineData(1, true)]     // served a minute later: a minute still to run
    [InlineData(-1, false)]
    public void ThirdCountryNotice_PeriodRunning(int minutesLater, bool fires)
    {
        var person = EligibleVenezuelan();
        person["notices"]![0]!["servedAt"] = Instant(T - TimeSpan.FromHours(240) + minutesLater * Minute);

        Assert.Equal(fires ? [ScreeningCodes.ThirdCountryNoticePeriodRunning] : [], Reasons(person));
    }

    [Fact]
    public void ThirdCountryNotice_OneValidNoticeWhosePeriodElapsed_IsEnough()
    {
        var person = EligibleVenezuelan();
        person["notices"]!.AsArray().Add(JsonNode.Parse($$"""{"kind":"third-country-removal","country":"SV","servedAt":"{{Instant(T - Minute)}}","servedOn":["person"],"language":"es"}"""));
        person["notices"]!.AsArray().Add(JsonNode.Parse("""{"kind":"third-country-removal","country":"SV","servedAt":"2025-01-01T00:00:00Z","servedOn":["person"],"language":"fr"}"""));

        Assert.True(Screen(person).IsEligible);
    }

    [Theory]
    [InlineData("pending", ScreeningCodes.FearClaimPending)]
    [InlineData("positive", ScreeningCodes.FearClaimPositive)]
    public void FearClaim_PendingOrPositiveForTheDestination(string outcome, string reason)
    {
        var person = EligibleSalvadoran();
        person["fearClaims"] = JsonNode.Parse($$"""[{"country":"SV","outcome":"{{outcome}}","decidedAt":"2025-01-01T00:00:00Z"}]""");
        var elsewhere = EligibleSalvadoran();
        elsewhere["fearClaims"] = JsonNode.Parse($$"""[{"country":"HN","outcome":"{{outcome}}","decidedAt":"2025-01-01T00:00:00Z"}]""");

        Assert.Equal([reason], Reasons(person));
        Assert.Empty(Reasons(elsewhere));
    }

    [Theory]
    [InlineData(0, false)]    // decided exactly 15 days ago: the window has closed
    [InlineData(1, true)]     // a minute less than 15 days ago
    [InlineData(-1, false)]
    public void ReopenWindowOpen_AfterANegativeDecision(int minutesLater, bool fires)
    {
        var person = EligibleSalvadoran();
        person["fearClaims"] = JsonNode.Parse($$"""[{"country":"SV","outcome":"negative","decidedAt":"{{Instant(T - TimeSpan.FromDays(15) + minutesLater * Minute)}}"}]""");

        Assert.Equal(fires ? [ScreeningCodes.ReopenWindowOpen] : [], Reasons(person));
    }

    [Fact]
    public void NoEnactedCategory_ImmigrationConvictionOnly_Fires()
    {
        var person = EligibleVenezuelan();
        person["convictions"] = JsonNode.Parse("""[{"offense":"Illegal reentry","category":"immigration","date":"2020-01-01","sentenceMonths":12}]""");

        var decision = Screen(person);

        Assert.Equal([ScreeningCodes.NoEnactedCategory], decision.Reasons);
        Assert.Equal([ScreeningCodes.NoCriminalConviction], decision.Flags);
        Assert.Empty(decision.Categories);
    }

    [Theory]
    [InlineData("2025-03-13T23:59:00Z", false)]  // version 1 has no gang category
    [InlineData("2025-03-14T00:00:00Z", true)]   // version 2 adds it
    public void DesignatedMember_ValidatedDesignation_UnderTheVersionInForce(string at, bool inCategory)
    {
        var person = EligibleVenezuelan();
        person.Remove("convictions");
        person["notices"]![0]!["servedAt"] = "2025-01-01T00:00:00Z";
        person["designations"] = JsonNode.Parse("""[{"group":"MS-13","evidence":[{"kind":"tattoo"},{"kind":"court-finding"}],"reviewers":["a","b"]}]""");

        var decision = Screen(person, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(inCategory ? ["designated-gang-members"] : [], decision.Categories);
        Assert.Equal(inCategory, decision.IsEligible);
        Assert.DoesNotContain(ScreeningCodes.DesignationUnvalidated, decision.Flags);
    }

    [Theory]
    [InlineData("[\"a\",\"a\"]", "court-finding")]                         // one distinct reviewer
    [InlineData("[\"a\",\"b\"]", "tattoo")]                                // corroborating evidence only
    [InlineData("[\"a\",\"b\"]", "informant")]
    public void DesignatedMember_UnvalidatedDesignation_IsNoCategoryAndFlagged(string reviewers, string evidence)
    {
        var person = EligibleVenezuelan();
        person.Remove("convictions");
        person["designations"] = JsonNode.Parse($$"""[{"group":"MS-13","evidence":[{"kind":"{{evidence}}"},{"kind":"clothing"}],"reviewers":{{reviewers}}}]""");

        var decision = Screen(person);

        Assert.Contains(ScreeningCodes.NoEnactedCategory, decision.Reasons);
        Assert.Contains(ScreeningCodes.DesignationUnvalidated, decision.Flags);
    }

    [Theory]
    [InlineData(12, true)]
    [InlineData(11, false)]
    [InlineData(null, false)]   // a conviction without a sentence does not meet a minimum
    public void Convicted_MinimumSentence(int? months, bool inCategory)
    {
        var definition = JsonNode.Parse(Custody.Imports.FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json"))!.AsObject();
        definition["versions"]![1]!["categories"]![1]!["minSentenceMonths"] = 12;
        var agreement = AgreementTerms.Parse(definition.ToJsonString());
        var person = EligibleVenezuelan();
        person["convictions"] = months is { } m
            ? JsonNode.Parse($$"""[{"offense":"Theft","category":"property","date":"2020-01-01","sentenceMonths":{{m}}}]""")
            : JsonNode.Parse("""[{"offense":"Theft","category":"property","date":"2020-01-01"}]""");

        Assert.Equal(inCategory, Screen(person, null, agreement).Categories.Contains("convicted"));
    }

    [Fact]
    public void SendingStateCitizensConvicted_NotEnacted_NeverListed()
    {
        var person = EligibleSalvadoran();
        person["nationalities"] = new JsonArray("US", "SV");
        person["citizenshipClaims"] = JsonNode.Parse("""[{"country":"US","status":"verified"}]""");

        var decision = Screen(person);

        Assert.DoesNotContain("us-citizens-convicted", decision.Categories);
        Assert.Equal([ScreeningCodes.SendingStateCitizen], decision.Reasons);
    }

    [Fact]
    public void Decision_ListsEveryReasonInTableOrder_WithTheFactThatCausedIt()
    {
        var person = EligibleVenezuelan();
        person["dateOfBirth"] = "2010-01-01";
        person.Remove("notices");
        person["fearClaims"] = JsonNode.Parse("""[{"country":"SV","outcome":"pending"}]""");
        person["protections"] = JsonNode.Parse("""[{"kind":"asylum","status":"denied","countries":[]},{"kind":"asylum","status":"pending","countries":["SV"]}]""");
        person["proceedings"] = JsonNode.Parse("""[{"kind":"habeas","status":"pending"}]""");

        var decision = Screen(person);

        Assert.Equal([ScreeningCodes.Minor, ScreeningCodes.ProtectionClaimPending, ScreeningCodes.ProceedingPending, ScreeningCodes.ThirdCountryNoticeMissing, ScreeningCodes.FearClaimPending], decision.Reasons);
        Assert.Contains(new ScreeningCause(ScreeningCodes.ProtectionClaimPending, "/protections/1"), decision.Causes);
        Assert.Equal(ScreeningCodes.Blocked, decision.Outcome);
    }

    [Fact]
    public void Flags_NeverBlock()
    {
        var person = EligibleSalvadoran();
        person["convictions"] = JsonNode.Parse("""[{"offense":"Illegal reentry","category":"immigration","date":"2020-01-01"}]""");
        person["counsel"] = JsonNode.Parse("""[{"name":"C","ofRecord":true}]""");
        person["designations"] = JsonNode.Parse("""[{"group":"MS-13","evidence":[{"kind":"tattoo"}],"reviewers":["a"]}]""");

        var decision = Screen(person);

        Assert.True(decision.IsEligible);
        Assert.Equal(["sv-nationals"], decision.Categories);
        Assert.Equal([ScreeningCodes.NoCriminalConviction, ScreeningCodes.DesignationUnvalidated, ScreeningCodes.RepresentedByCounsel], decision.Flags);
    }

    [Fact]
    public void Instants_LowerCaseSeparatorsAndOffsets_ReadAsTheSchemaAllows()
    {
        var person = EligibleSalvadoran();
        person["courtOrders"] = JsonNode.Parse("""[{"kind":"stay-of-removal","court":"c","issuedAt":"2025-03-20t07:00:00-05:00","expiresAt":"2025-03-20t17:00:01z","verified":true}]""");

        Assert.Equal([ScreeningCodes.CourtOrderBlocksRemoval], Reasons(person));                      // issued 12:00Z exactly
        Assert.Empty(Reasons(person, T + TimeSpan.FromHours(5) + TimeSpan.FromSeconds(1)));          // expired at 17:00:01Z
    }
}
