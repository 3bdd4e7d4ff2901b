using System.Text.Json.Nodes;
using CsCheck;
using Custody.Screening;
using static Custody.Core.Tests.Screening.ScreeningFixtures;

namespace Custody.Core.Tests.Screening;

/// <summary>Invariants over generated facts: blocking facts always block; other destinations never matter.</summary>
public sealed class ScreeningPropertyTests
{
    private static readonly string[] OtherCountries = ["HN", "GT", "MX", "CO", "NI", "EC", "CR", "PA"];

    // Each adds one fact that, by DOMAIN.md, must block removal to SV at the sample instant.
    private static readonly Func<JsonObject, int, string>[] BlockingFacts =
    [
        (p, n) => Set(p, "dateOfBirth", $"20{10 + n % 7}-01-01"),
        (p, _) => Set(p, "identifiers", new JsonArray(JsonNode.Parse("""{"scheme":"a-number","value":"A1","verified":false}"""))),
        (p, n) => Add(p, "citizenshipClaims", $$"""{"country":"US","status":"{{(n % 2 == 0 ? "verified" : "asserted")}}"}"""),
        (p, _) => Set(p, "removalOrder", JsonNode.Parse("""{"authority":"ina-240","final":false}""")),
        (p, n) => Add(p, "protections", $$"""{"kind":"asylum","status":"{{(n % 2 == 0 ? "granted" : "pending")}}","countries":{{(n % 3 == 0 ? "[]" : "[\"SV\"]")}}}"""),
        (p, n) => Add(p, "courtOrders", $$"""{"kind":"stay-of-removal","court":"c","issuedAt":"2025-03-20T{{n % 12:D2}}:00:00Z","verified":{{(n % 2 == 0 ? "true" : "false")}},"destinations":{{(n % 3 == 0 ? "[]" : "[\"SV\"]")}}}"""),
        (p, n) => Add(p, "proceedings", $$"""{"kind":"{{new[] { "habeas", "appeal", "motion-to-reopen", "other" }[n % 4]}}","status":"pending"}"""),
        (p, n) => Add(p, "fearClaims", $$"""{"country":"SV","outcome":"{{(n % 2 == 0 ? "pending" : "positive")}}"}"""),
        (p, n) => Add(p, "fearClaims", $$"""{"country":"SV","outcome":"negative","decidedAt":"{{Instant(SampleInstant - TimeSpan.FromMinutes(1 + n % (15 * 24 * 60 - 1)))}}"}"""),
    ];

    private static string Set(JsonObject person, string name, JsonNode? value)
    {
        person[name] = value;
        return name;
    }

    private static string Add(JsonObject person, string name, string fact)
    {
        if (person[name] is not JsonArray list)
        {
            list = [];
            person[name] = list;
        }
        list.Add(JsonNode.Parse(fact));
        return name;
    }

    [Fact]
    public void AddingAnyBlockingFact_NeverYieldsEligible()
    {
        Gen.Select(Gen.Int[0, BlockingFacts.Length - 1].Array[1, 4], Gen.Int[0, 10_000], Gen.Bool).Sample((facts, n, venezuelan) =>
        {
            var person = venezuelan ? EligibleVenezuelan() : EligibleSalvadoran();
            Assert.True(Screen(person).IsEligible);
            foreach (var fact in facts)
            {
                BlockingFacts[fact](person, n);
            }

            var decision = Screen(person);

            Assert.False(decision.IsEligible, $"eligible after {string.Join(", ", facts)}: {person.ToJsonString()}");
            Assert.NotEmpty(decision.Reasons);
        });
    }

    [Fact]
    public void FactsOfOtherDestinations_NeverChangeTheOutcome()
    {
        Gen.Select(Gen.Int[0, OtherCountries.Length - 1], Gen.Int[0, 5], Gen.Bool, Gen.Bool).Sample((c, kind, venezuelan, verified) =>
        {
            var person = venezuelan ? EligibleVenezuelan() : EligibleSalvadoran();
            var before = Screen(person);
            var elsewhere = OtherCountries[c];
            _ = kind switch
            {
                0 => Add(person, "protections", $$"""{"kind":"asylum","status":"granted","countries":["{{elsewhere}}"]}"""),
                1 => Add(person, "protections", $$"""{"kind":"cat-deferral","status":"pending","countries":["{{elsewhere}}"]}"""),
                2 => Add(person, "courtOrders", $$"""{"kind":"no-transfer-order","court":"c","issuedAt":"2025-03-01T00:00:00Z","verified":{{(verified ? "true" : "false")}},"destinations":["{{elsewhere}}"]}"""),
                3 => Add(person, "fearClaims", $$"""{"country":"{{elsewhere}}","outcome":"pending"}"""),
                4 => Add(person, "fearClaims", $$"""{"country":"{{elsewhere}}","outcome":"positive","decidedAt":"2025-03-19T00:00:00Z"}"""),
                _ => Add(person, "notices", $$"""{"kind":"third-country-removal","country":"{{elsewhere}}","servedAt":"2025-03-19T00:00:00Z","servedOn":["counsel"],"language":"fr"}"""),
            };

            var after = Screen(person);

            Assert.Equal(before.Outcome, after.Outcome);
            Assert.Equal(before.Reasons, after.Reasons);
        });
    }

    [Fact]
    public void Screening_IsDeterministic_AndReasonsFollowTheTableOrder()
    {
        Gen.Select(Gen.Int[0, BlockingFacts.Length - 1].Array[0, 6], Gen.Int[0, 10_000]).Sample((facts, n) =>
        {
            var person = EligibleVenezuelan();
            foreach (var fact in facts)
            {
                BlockingFacts[fact](person, n);
            }

            var first = Screen(person);
            var second = Screen(person);

            Assert.Equal(first.Reasons, second.Reasons);
            var positions = first.Reasons.Select(r => ScreeningCodes.Reasons.ToList().IndexOf(r)).ToList();
            Assert.Equal(positions.Order(), positions);
        });
    }
}
