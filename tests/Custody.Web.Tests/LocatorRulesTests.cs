using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Demo;
using Custody.Facilities;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.Extensions.DependencyInjection;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// The public locator follows the law (issue 12, point 3): in custody or not, the custodian and the
/// facility's contact — never a fate, never a restricted person's place, never "in custody" for
/// someone only registered.
/// </summary>
public abstract class LocatorRulesTests(CustodyWebFactory factory)
{
    private async Task<(JsonObject Result, string Body)> LocateAsync(string externalId)
    {
        var body = await factory.Anonymous().GetStringAsync($"/api/locator?identifier=A{externalId}&countryOfBirth=SV");
        return (Assert.Single(JsonNode.Parse(body)!.AsArray())!.AsObject(), body);
    }

    [Fact]
    public async Task Deceased_ReadsNotInCustody_NamingTheAuthority_WithNoCauseNorPlace()
    {
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var (id, externalId) = await HandedOverAtCecotAsync(factory, "LOC-DEAD");
        await OkAsync(director.PostAsJsonAsync($"/api/people/{id}/incidents", new
        {
            kind = "death", details = "Collapsed", circumstances = "In the yard", cause = "Cardiac arrest", remainsDestination = "Instituto de Medicina Legal",
        }));

        var (result, body) = await LocateAsync(externalId);

        Assert.Equal("not-in-custody", result["status"]!.GetValue<string>());
        Assert.False(result["inCustody"]!.GetValue<bool>());
        Assert.Equal("SV", result["custodian"]!.GetValue<string>());
        Assert.Null(result["facilityName"]);
        Assert.DoesNotContain("died", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Cardiac", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyRegistered_IsNotInCustody()
    {
        var externalId = Unique("LOC-REG");
        await ImportAsync(factory, EligiblePerson(externalId));

        var (result, _) = await LocateAsync(externalId);

        Assert.Equal("not-in-custody", result["status"]!.GetValue<string>());
        Assert.Null(result["facilityName"]);
    }

    [Fact]
    public async Task Restricted_ShowsTheRestriction_AndNoFacility_ThePageToo()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var (id, externalId) = await HandedOverAtCecotAsync(factory, "LOC-RESTR");
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{id}/admission", new { register = FullRegister }));
        var before = (await LocateAsync(externalId)).Result;
        await OkAsync(director.PostAsJsonAsync($"/api/people/{id}/restrictions", new { ground = "Court order 12/2026: protection of the investigation", authority = "Juzgado 3", reviewBy = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }));

        var (result, body) = await LocateAsync(externalId);
        var page = await factory.Anonymous().GetStringAsync($"/Locator?Identifier=A{externalId}&CountryOfBirth=SV");

        Assert.Equal("in-custody", before["status"]!.GetValue<string>());
        Assert.Contains("Centro de Confinamiento", before["facilityName"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("restricted", result["status"]!.GetValue<string>());
        Assert.Null(result["inCustody"]);
        Assert.DoesNotContain("Confinamiento", body, StringComparison.Ordinal);
        Assert.Contains("data-status=\"restricted\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Confinamiento", page, StringComparison.Ordinal);
    }
}

public sealed class LocatorRulesOnSqliteTests(CustodyWebFactory factory) : LocatorRulesTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class LocatorRulesOnPostgresTests(PostgresWebFactory factory) : LocatorRulesTests(factory), IClassFixture<PostgresWebFactory>;
