using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// Return-required has a way home (issue 11): a person a court ordered not to be handed over is
/// held pending return, never admitted, and carried back by a return movement with its own two-official
/// hand-over, custody back to the sending state, notices to counsel and family; the court sees it all.
/// </summary>
public abstract class ReturnMovementTests(CustodyWebFactory factory)
{

    [Fact]
    public async Task ReturnRequiredPerson_IsReturnedByAReturnMovement_CustodyBackToTheSendingState_WithNotices()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var court = await factory.BearerAsync(Roles.CourtUser);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var (x, y) = (Unique("HOME-X"), Unique("HOME-Y"));
        var ids = await ImportAsync(factory, EligiblePerson(x, "Nelson", "Rivas"), EligiblePerson(y, "Irma", "Cano"));
        var transfer = await CreateManifestAsync(supervisor);
        await LockedAndBoardedAsync(supervisor, escort, transfer, [(ids[0], x)]);
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{transfer}/depart", new { }));
        Assert.Equal(HttpStatusCode.Created, (await court.PostAsJsonAsync($"/api/people/{ids[0]}/court-orders",
            new { kind = "stay-of-removal", court = "US Court of Appeals", issuedAt = Now(-1), destinations = new[] { "SV" }, verified = true })).StatusCode);
        var arrived = await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{transfer}/arrive", new { }));
        Assert.Equal("return-required", PersonOn(arrived, ids[0])["alert"]!.GetValue<string>());
        // Held pending return: never admitted.
        Assert.Equal(HttpStatusCode.Conflict, (await reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission",
            new { register = Custody.Facilities.Admission.RequiredFields.ToDictionary(f => f, f => (object)new { value = "as recorded" }) })).StatusCode);

        var created = await supervisor.PostAsJsonAsync("/api/manifests", new
        {
            agreementId = "us-sv-2025", carrier = "Return Air", movement = "RA" + Random.Shared.Next(100, 999), originFacilityId = "sv-cecot",
            destinationFacilityId = "us-processing-centre", scheduledDeparture = Now(30), direction = "return",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var home = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        // Only someone held pending return boards a return.
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/manifests/{home}/people", new { personId = ids[1], role = "principal" })).StatusCode);
        await AddAsync(supervisor, home, ids[0]);
        await OkAsync(supervisor.PostAsync($"/api/manifests/{home}/lock", null));
        await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{home}/people/{ids[0]}/boarding", new { outcome = "boarded", identifier = "A" + x }));
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{home}/depart", new { }));
        await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{home}/arrive", new { }));
        // The sides swap on a return: the holding state hands over, the sending state's officer takes the person back.
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/manifests/{home}/people/{ids[0]}/dispatch", null)).StatusCode);
        await OkAsync(reception.PostAsync($"/api/manifests/{home}/people/{ids[0]}/dispatch", null));
        Assert.Equal(HttpStatusCode.Forbidden, (await director.PostAsync($"/api/manifests/{home}/people/{ids[0]}/receive", null)).StatusCode);
        var wrongSide = await reception.PostAsync($"/api/manifests/{home}/people/{ids[0]}/receive", null);
        Assert.Equal(HttpStatusCode.Forbidden, wrongSide.StatusCode);
        Assert.Contains("transfer-supervisor", (await wrongSide.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var received = await OkAsync(supervisor.PostAsync($"/api/manifests/{home}/people/{ids[0]}/receive", null));

        Assert.Equal("return", received["direction"]!.GetValue<string>());
        Assert.Equal("handed-over", PersonOn(received, ids[0])["status"]!.GetValue<string>());
        var custody = (await court.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/custody"))!;
        Assert.Equal("returned", custody[^1]!["event"]!.GetValue<string>());
        Assert.Equal("US", custody[^1]!["custodian"]!.GetValue<string>());
        Assert.Null(custody[^1]!["onBehalfOf"]);
        Assert.Equal("us-processing-centre", custody[^1]!["facilityId"]!.GetValue<string>());
        // The court that ordered it sees the movement it was held on close as returned.
        var original = await OkAsync(court.GetAsync($"/api/manifests/{transfer}"));
        Assert.Equal("returned", PersonOn(original, ids[0])["status"]!.GetValue<string>());
        Assert.Null(PersonOn(original, ids[0])["alert"]);
        var notices = (await director.GetFromJsonAsync<JsonArray>("/api/notifications"))!
            .Where(n => n!["personId"]?.GetValue<string>() == ids[0].ToString()).Select(n => n!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("return-counsel", notices);
        Assert.Contains("return-family", notices);
        await TransferScenario.AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Transfer_HandOverSides_ReceptionCannotDispatch_EscortCannotReceive()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var x = Unique("SIDE-X");
        var ids = await ImportAsync(factory, EligiblePerson(x));
        var manifest = await CreateManifestAsync(supervisor);
        await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], x)]);
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { }));
        await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/arrive", new { }));

        Assert.Equal(HttpStatusCode.Forbidden, (await reception.PostAsync($"/api/manifests/{manifest}/people/{ids[0]}/dispatch", null)).StatusCode);
        await OkAsync(escort.PostAsync($"/api/manifests/{manifest}/people/{ids[0]}/dispatch", null));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/manifests/{manifest}/people/{ids[0]}/receive", null)).StatusCode);
        var received = await OkAsync(reception.PostAsync($"/api/manifests/{manifest}/people/{ids[0]}/receive", null));

        Assert.Equal("handed-over", PersonOn(received, ids[0])["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateReturn_FromTheSendingState_IsRefusedNamingTheField()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);

        var response = await supervisor.PostAsJsonAsync("/api/manifests", new
        {
            agreementId = "us-sv-2025", carrier = "Return Air", movement = "RA1", originFacilityId = "us-processing-centre",
            destinationFacilityId = "sv-cecot", scheduledDeparture = Now(30), direction = "return",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("originFacilityId", errors.Select(e => e.Key));
        Assert.Contains("destinationFacilityId", errors.Select(e => e.Key));
    }
}

public sealed class ReturnMovementOnSqliteTests(CustodyWebFactory factory) : ReturnMovementTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class ReturnMovementOnPostgresTests(PostgresWebFactory factory) : ReturnMovementTests(factory), IClassFixture<PostgresWebFactory>;
