using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// A legal fact that blocks reaches locked and moving manifests whatever path brought it: here the
/// agency's own feeds (a re-imported case bundle, a new agreement version), through POST /api/imports.
/// Own app: the agreement and class order these tests import would reach other tests' people.
/// </summary>
public abstract class ReactionPathTests(CustodyWebFactory factory)
{

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, JsonObject document) =>
        await client.PostAsync("/api/imports", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));

    private static JsonObject Bundle(params JsonObject[] people) => JsonNode.Parse(Custody.Demo.EligiblePerson.Bundle(people))!.AsObject();

    /// <summary>The kinds of the entries appended by the newest unit of work that began with an entry of <paramref name="firstKind"/>.</summary>
    private async Task<string[]> KindsSinceLastAsync(string firstKind)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
        var from = await db.LedgerEntries.Where(e => e.Kind == firstKind).MaxAsync(e => e.Seq);
        return await db.LedgerEntries.Where(e => e.Seq >= from).OrderBy(e => e.Seq).Select(e => e.Kind).ToArrayAsync();
    }


    [Fact]
    public async Task ReimportedBundle_WithStayForPersonOnLockedManifest_RaisesMustDisembarkInTheImport_AndDepartureIsRefusedUntilDisembarked()
    {
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var (x, y) = (Unique("FEED-X"), Unique("FEED-Y"));
        var people = new[] { EligiblePerson(x, "Marta", "Ríos"), EligiblePerson(y, "Pedro", "Sosa") };
        var ids = await TransferScenario.ImportAsync(factory, people);
        var manifest = await CreateManifestAsync(supervisor);
        await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], x), (ids[1], y)]);

        // The agency's feed brings the stay issued a minute ago, the plane still on the ground.
        people[0]["courtOrders"] = new JsonArray(new JsonObject
        {
            ["kind"] = "stay-of-removal", ["court"] = "US Court of Appeals", ["issuedAt"] = Now(-1), ["verified"] = true,
        });
        var imported = await ImportAsync(officer, Bundle(people));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        // The alert was written by the import's own unit of work: nothing else ran between them.
        // (Read before the manifest is shown: showing it records its own access entry.)
        var kinds = await KindsSinceLastAsync("import.completed");
        Assert.Equal(["import.completed", "screening.decided", "manifest.alert-raised"], kinds);
        var view = await OkAsync(supervisor.GetAsync($"/api/manifests/{manifest}"));
        Assert.Equal("must-disembark", PersonOn(view, ids[0])["alert"]!.GetValue<string>());
        Assert.Null(PersonOn(view, ids[1])["alert"]);

        var refused = await supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("court-order-blocks-removal", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/people/{ids[0]}/disembark", new { reason = "stay of removal" }));
        var departed = await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { }));
        Assert.Equal("departed", departed["status"]!.GetValue<string>());
        Assert.Equal(1, departed["counts"]!["departed"]!.GetValue<int>());
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task NewAgreementVersion_RemovingTheEnactedCategory_RaisesMustDisembark_AndDepartureIsRefused()
    {
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var agreementId = Unique("us-sv-terms").ToLowerInvariant();
        var agreement = JsonNode.Parse(Custody.Imports.FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json"))!.AsObject();
        agreement["id"] = agreementId;
        var versions = agreement["versions"]!.AsArray();
        versions.RemoveAt(1);
        Assert.True((await ImportAsync(reviewer, agreement)).IsSuccessStatusCode);
        var x = Unique("TERMS-X");
        var ids = await TransferScenario.ImportAsync(factory, EligiblePerson(x, "Rosa", "Lima"));
        var manifest = await CreateManifestAsync(supervisor, agreementId);
        await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], x)]);

        // Version 2, in force from a minute ago, enacts only validated gang members: she is in no enacted category now.
        var second = versions[0]!.DeepClone().AsObject();
        second["number"] = 2;
        second["effectiveFrom"] = Now(-1);
        second["categories"] = new JsonArray(new JsonObject { ["id"] = "gang", ["kind"] = "designated-member", ["enacted"] = true, ["groups"] = new JsonArray("MS-13") });
        versions.Add(second);
        var imported = await ImportAsync(reviewer, agreement);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        var view = await OkAsync(supervisor.GetAsync($"/api/manifests/{manifest}"));
        Assert.Equal("must-disembark", PersonOn(view, ids[0])["alert"]!.GetValue<string>());
        Assert.Contains("no-enacted-category", PersonOn(view, ids[0])["alertReasons"]!.ToJsonString(), StringComparison.Ordinal);
        var refused = await supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task ClassOrderInBundle_ForPersonOnMovingManifest_RaisesReturnRequired_AndHandOverIsRefused()
    {
        var officer = await factory.BearerAsync(Roles.CaseOfficer);
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var (x, y) = (Unique("CLASS-X"), Unique("CLASS-Y"));
        var covered = EligiblePerson(x, "Iván", "Cruz");
        covered["removalOrder"]!["authority"] = "ina-238b";
        var ids = await TransferScenario.ImportAsync(factory, covered, EligiblePerson(y, "Sara", "Mejía"));
        var manifest = await CreateManifestAsync(supervisor);
        await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], x), (ids[1], y)]);
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { }));

        // In the air, a bundle brings a class order covering everyone removed under that authority.
        var bundle = Bundle();
        bundle["classOrders"] = new JsonArray(new JsonObject
        {
            ["id"] = Unique("class"), ["court"] = "US District Court", ["issuedAt"] = Now(-1),
            ["description"] = "No removals by administrative order (INA 238(b)).", ["removalAuthorities"] = new JsonArray("ina-238b"),
        });
        var imported = await ImportAsync(officer, bundle);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        var view = await OkAsync(supervisor.GetAsync($"/api/manifests/{manifest}"));
        Assert.Equal("return-required", PersonOn(view, ids[0])["alert"]!.GetValue<string>());
        Assert.Null(PersonOn(view, ids[1])["alert"]);
        await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/arrive", new { }));
        var dispatch = await escort.PostAsync($"/api/manifests/{manifest}/people/{ids[0]}/dispatch", null);
        Assert.Equal(HttpStatusCode.Conflict, dispatch.StatusCode);
        await AssertLedgerVerifiesAsync(factory);
    }
}

public sealed class ReactionPathOnSqliteTests(CustodyWebFactory factory) : ReactionPathTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class ReactionPathOnPostgresTests(PostgresWebFactory factory) : ReactionPathTests(factory), IClassFixture<PostgresWebFactory>;
