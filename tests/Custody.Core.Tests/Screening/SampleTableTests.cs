using System.Text.Json.Nodes;
using Custody.Imports;
using Custody.Screening;

namespace Custody.Core.Tests.Screening;

public sealed class SampleTableTests
{
    // shared/formats/examples/README.md, screened for SV under us-sv-2025 at 2025-03-20T12:00:00Z.
    public static TheoryData<string, string, string[], string[], string[]> Expected => new()
    {
        { "S-0001", "eligible", [], [], ["sv-nationals", "convicted"] },
        { "S-0002", "blocked", ["protection-covers-destination"], ["no-criminal-conviction", "represented-by-counsel"], ["sv-nationals"] },
        { "S-0003", "blocked", ["third-country-notice-missing", "no-enacted-category"], ["no-criminal-conviction", "designation-unvalidated"], [] },
        { "S-0004", "eligible", [], [], ["convicted"] },
        { "S-0005", "blocked", ["sending-state-citizen", "no-final-removal-order", "third-country-notice-missing"], [], ["convicted"] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Screen_SampleBundleAtSampleInstant_GivesTheDocumentedTable(string id, string outcome, string[] reasons, string[] flags, string[] categories)
    {
        var bundle = JsonNode.Parse(FormatSchemas.ReadEmbedded("sample.case-bundle.json"))!;
        var person = PersonFacts.Parse(bundle["persons"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == id)!.ToJsonString());
        var orders = bundle["classOrders"]!.AsArray().Select(o => ClassOrderFacts.Parse(o!.ToJsonString())).ToList();

        var decision = Screener.Screen(person, orders, ScreeningFixtures.ModelAgreement, ScreeningFixtures.SampleInstant);

        Assert.Equal(outcome, decision.Outcome);
        Assert.Equal(reasons, decision.Reasons);
        Assert.Equal(flags, decision.Flags);
        Assert.Equal(categories, decision.Categories);
        Assert.Equal(2, decision.AgreementVersion);
        Assert.Equal("SV", decision.Destination);
    }
}
