using System.Net;
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
/// Incidents anywhere in custody (issue 11, point 5): one endpoint per person records a death,
/// disappearance, escape or serious injury wherever the person's current custody record says they
/// are — on a movement, handed over and awaiting admission, admitted without a cell, in hospital —
/// and every path queues the independent report, the next-of-kin notice and the sending state's
/// notice, with deadlines.
/// </summary>
public abstract class IncidentAnywhereTests(CustodyWebFactory factory)
{
    private static object Death(string details) => new
    {
        kind = "death", details, circumstances = "Found unresponsive", cause = "Pending autopsy", remainsDestination = "Instituto de Medicina Legal",
    };

    private static async Task<List<string>> NoticeKindsAsync(HttpClient director, JsonObject incident) =>
        (await director.GetFromJsonAsync<JsonArray>("/api/notifications"))!
            .Where(n => n!["incidentId"]?.GetValue<string>() == incident["id"]!.GetValue<string>())
            .Select(n => n!["kind"]!.GetValue<string>() + (n["dueBy"] is null ? " (no deadline)" : "")).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task DeathInHospital_IsRecordedThere_EndsTheAdmission_AndQueuesEveryNotice()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var person = (await HandedOverAtCecotAsync(factory, "HOSP")).Id;
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/admission", new { register = FullRegister }));

        var taken = await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/hospital", new { hospital = "Hospital Rosales, San Salvador", reason = "Appendicitis" }));
        var register = await reception.GetStringAsync("/api/facilities/sv-cecot/register");
        var death = await OkAsync(director.PostAsJsonAsync($"/api/people/{person}/incidents", Death("Died after surgery")));

        Assert.Equal("hospital", taken["placeKind"]!.GetValue<string>());
        Assert.Equal("sv-cecot", taken["facilityId"]!.GetValue<string>());
        Assert.Contains("Hospital Rosales", register, StringComparison.Ordinal);
        Assert.Equal("sv-cecot", death["facilityId"]!.GetValue<string>());
        Assert.Equal(["incident-next-of-kin", "incident-report", "incident-sending-state"], await NoticeKindsAsync(director, death));
        var report = (await director.GetFromJsonAsync<JsonArray>("/api/notifications"))!
            .Single(n => n!["incidentId"]?.GetValue<string>() == death["id"]!.GetValue<string>() && n["kind"]!.GetValue<string>() == "incident-report")!;
        Assert.Contains("Hospital Rosales", report["body"]!.GetValue<string>(), StringComparison.Ordinal);
        var custody = (await director.GetFromJsonAsync<JsonArray>($"/api/people/{person}/custody"))!;
        Assert.Equal(["taken-to-hospital", "died"], custody.TakeLast(2).Select(r => r!["event"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Conflict, (await reception.PostAsJsonAsync($"/api/people/{person}/hospital/return", new { })).StatusCode);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Hospital_RoundTrip_BackAtTheFacility_AndOnlyAnAdmittedPersonGoes()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var person = (await HandedOverAtCecotAsync(factory, "TRIP")).Id;

        Assert.Equal(HttpStatusCode.Conflict, (await reception.PostAsJsonAsync($"/api/people/{person}/hospital", new { hospital = "H", reason = "R" })).StatusCode);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/admission", new { register = FullRegister }));
        var invalid = await reception.PostAsJsonAsync($"/api/people/{person}/hospital", new { reason = "Fracture" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("hospital", (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Conflict, (await reception.PostAsJsonAsync($"/api/people/{person}/hospital/return", new { })).StatusCode);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/hospital", new { hospital = "Hospital Zacamil", reason = "Fracture" }));
        var back = await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/hospital/return", new { }));

        Assert.Equal("facility", back["placeKind"]!.GetValue<string>());
        Assert.Equal("back-from-hospital", back["event"]!.GetValue<string>());
        Assert.Equal("SV", back["custodian"]!.GetValue<string>());
        Assert.Equal("US", back["onBehalfOf"]!.GetValue<string>());
    }

    [Fact]
    public async Task SeriousInjury_AwaitingAdmission_AndEscapeAdmittedWithoutACell_GoThroughTheSameEndpoint()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var waiting = (await HandedOverAtCecotAsync(factory, "WAIT")).Id;
        var admitted = (await HandedOverAtCecotAsync(factory, "NOCELL")).Id;
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{admitted}/admission", new { register = FullRegister }));

        var injury = await OkAsync(director.PostAsJsonAsync($"/api/people/{waiting}/incidents", new { kind = "serious-injury", details = "Fell in the yard" }));
        var escape = await OkAsync(director.PostAsJsonAsync($"/api/people/{admitted}/incidents", new { kind = "escape", details = "Missing at the count" }));

        Assert.Equal(["incident-next-of-kin", "incident-report", "incident-sending-state"], await NoticeKindsAsync(director, injury));
        Assert.Equal(["incident-next-of-kin", "incident-report", "incident-sending-state"], await NoticeKindsAsync(director, escape));
        var custody = (await director.GetFromJsonAsync<JsonArray>($"/api/people/{admitted}/custody"))!;
        Assert.Equal("at-large", custody[^1]!["placeKind"]!.GetValue<string>());
    }

    [Fact]
    public async Task InTransit_GoesThroughThePersonEndpoint_AndOutsideCustodyIsRefused()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var x = Unique("TRANSIT");
        var ids = await ImportAsync(factory, EligiblePerson(x));
        var manifest = await CreateManifestAsync(supervisor);
        await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], x)]);
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { }));

        var injury = await OkAsync(escort.PostAsJsonAsync($"/api/people/{ids[0]}/incidents", new { kind = "serious-injury", details = "Turbulence" }));
        var notRegistered = await ImportAsync(factory, EligiblePerson(Unique("HOME")));
        var refused = await escort.PostAsJsonAsync($"/api/people/{notRegistered[0]}/incidents", new { kind = "serious-injury", details = "Not in custody here" });

        Assert.Equal(manifest.ToString(), injury["manifestId"]!.GetValue<string>());
        // On a transfer the sending state itself escorts: the report and the family, no notice to itself.
        Assert.Equal(["incident-next-of-kin", "incident-report"], await NoticeKindsAsync(director, injury));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }
}

public sealed class IncidentAnywhereOnSqliteTests(CustodyWebFactory factory) : IncidentAnywhereTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class IncidentAnywhereOnPostgresTests(PostgresWebFactory factory) : IncidentAnywhereTests(factory), IClassFixture<PostgresWebFactory>;
