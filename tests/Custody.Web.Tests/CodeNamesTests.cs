using System.Reflection;
using System.Xml.Linq;
using Custody.Access;
using Custody.Complaints;
using Custody.CourtOrders;
using Custody.Discipline;
using Custody.Facilities;
using Custody.Facts;
using Custody.Ledger;
using Custody.Notifications;
using Custody.People;
using Custody.Production;
using Custody.Screening;
using Custody.Transfers;

namespace Custody.Web.Tests;

/// <summary>
/// Names, not codes: every stable code a page shows a reader (roles, kinds of fact and of ledger
/// entry, outcomes, statuses) has a name in English and in Spanish. The pages look the code up in
/// the localizer, which falls back to the code itself when a name is missing, so without this a
/// new code would reach the reader as "manifest.person-disembarked" without anyone noticing.
/// </summary>
public sealed class CodeNamesTests
{
    public static TheoryData<string> CodeSets() => [.. Sets.Keys];

    private static readonly Dictionary<string, IEnumerable<string>> Sets = new()
    {
        ["roles"] = Roles.All,
        ["register facts"] = Person.FactKindNames,
        ["entered facts"] = EnteredFact.Kinds,
        ["court orders"] = EnteredCourtOrder.Kinds,
        ["complaints"] = Complaint.Kinds,
        ["complaint filers"] = Complaint.Filers,
        ["production requests"] = ProductionRequest.Kinds,
        ["manifest statuses"] = ManifestStatuses.All,
        ["manifest roles"] = Constants(typeof(ManifestRoles)),
        ["manifest person statuses"] = Constants(typeof(ManifestPersonStatuses)),
        ["boarding outcomes"] = ManifestPersonStatuses.BoardingOutcomes,
        ["discrepancies"] = ManifestDiscrepancy.Kinds,
        ["incidents"] = Incident.FacilityKinds,
        ["screening outcomes and reasons"] = [ScreeningCodes.Eligible, ScreeningCodes.Blocked, .. ScreeningCodes.Reasons, .. ScreeningCodes.Flags],
        ["admission ends"] = Admission.EndKinds,
        ["welfare check roles"] = WelfareCheck.Roles,
        ["identity methods"] = WelfareCheck.IdentityMethods,
        ["facilities"] = Facility.Kinds,
        ["places"] = Constants(typeof(CustodyPlaces)),
        ["sanctions"] = MandelaRules.Kinds,
        ["notifications"] = Constants(typeof(NotificationKinds)),
        ["notification statuses"] = Constants(typeof(NotificationStatuses)),
        ["ledger entries"] = EventRegistry.Default.Kinds.Select(k => k.Kind),
    };

    [Theory]
    [MemberData(nameof(CodeSets))]
    public void EveryCode_HasAnEnglishAndASpanishName(string set)
    {
        var english = Names("SharedResource.resx");
        var spanish = Names("SharedResource.es.resx");

        var unnamed = Sets[set].Where(code => !english.TryGetValue(code, out var name) || name == code || !spanish.ContainsKey(code)).ToList();

        Assert.True(unnamed.Count == 0, $"No English or Spanish name for these {set}: {string.Join(", ", unnamed)}");
    }

    private static Dictionary<string, string> Names(string file) =>
        XDocument.Load(Path.Combine(LocalizationCoverageTests.WebProject().FullName, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.OrdinalIgnoreCase);

    private static string[] Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];
}
