using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

public sealed class TransferApiTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{

    private static object Stay(string issuedAt) => new { kind = "stay-of-removal", court = "US Court of Appeals", issuedAt, destinations = new[] { "SV" }, verified = true };

    private async Task<string[]> LedgerKindsAsync(string subject)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
        return await db.LedgerEntries.Where(e => e.Subject == subject).OrderBy(e => e.Seq).Select(e => e.Kind).ToArrayAsync();
    }


    [Fact]
    public async Task Substitute_AlternateWithWithholdingCoveringDestination_IsRefusedNamingTheReason()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var reviewer = await factory.BearerAsync(Roles.LegalReviewer);
        var (p, a) = (Unique("SUB-P"), Unique("SUB-A"));
        var ids = await ImportAsync(factory, EligiblePerson(p), EligiblePerson(a, "Luis", "Gómez"));
        var manifest = await CreateManifestAsync(supervisor);
        await AddAsync(supervisor, manifest, ids[0]);
        await AddAsync(supervisor, manifest, ids[1], "alternate");
        await OkAsync(supervisor.PostAsync($"/api/manifests/{manifest}/lock", null));
        var withholding = await reviewer.PostAsJsonAsync($"/api/people/{ids[1]}/protections",
            new { kind = "withholding-of-removal", status = "granted", countries = new[] { "SV" }, effectiveFrom = "2020-01-01", source = "Immigration judge" });
        Assert.Equal(HttpStatusCode.Created, withholding.StatusCode);

        var response = await supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/substitute", new { @out = ids[0], @in = ids[1], reason = "principal ill" });
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("protection-covers-destination", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var view = await OkAsync(supervisor.GetAsync($"/api/manifests/{manifest}"));
        Assert.Equal("principal", PersonOn(view, ids[0])["role"]!.GetValue<string>());
        Assert.Equal("alternate", PersonOn(view, ids[1])["role"]!.GetValue<string>());
        // The alert raised when the withholding was entered shows on the locked manifest.
        Assert.Equal("must-disembark", PersonOn(view, ids[1])["alert"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.BearerAsync(Roles.EscortOfficer))
            .PostAsJsonAsync($"/api/manifests/{manifest}/substitute", new { @out = ids[0], @in = ids[1], reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task Substitute_EligibleAlternate_TakesThePrincipalsPlace_WithTheSupervisorsApproval()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var (p, a) = (Unique("SUB2-P"), Unique("SUB2-A"));
        var ids = await ImportAsync(factory, EligiblePerson(p), EligiblePerson(a, "Luis", "Gómez"));
        var manifest = await CreateManifestAsync(supervisor);
        await AddAsync(supervisor, manifest, ids[0]);
        await AddAsync(supervisor, manifest, ids[1], "alternate");

        var view = await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/substitute", new { @out = ids[0], @in = ids[1], reason = "principal ill" }));

        Assert.Equal("substituted-out", PersonOn(view, ids[0])["status"]!.GetValue<string>());
        Assert.Equal("principal", PersonOn(view, ids[1])["role"]!.GetValue<string>());
        Assert.Equal("user:transfer-supervisor@demo.custody.example", PersonOn(view, ids[1])["substitutionApprovedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task LateStay_BlocksDepartureUntilDisembarked_AndTheLedgerShowsOrderBlockAndDisembarkation()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var court = await factory.BearerAsync(Roles.CourtUser);
        var (x, y) = (Unique("STAY-X"), Unique("STAY-Y"));
        var ids = await ImportAsync(factory, EligiblePerson(x), EligiblePerson(y, "Jorge", "Lemus"));
        var manifest = await CreateManifestAsync(supervisor, departure: Now(10));
        await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], x), (ids[1], y)]);

        // Ten minutes before the scheduled departure, a court stays the removal of one person.
        Assert.Equal(HttpStatusCode.Created, (await court.PostAsJsonAsync($"/api/people/{ids[0]}/court-orders", Stay(Now(-1)))).StatusCode);
        var refused = await supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { });
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(x, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("court-order-blocks-removal", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("locked", problem["state"]!["status"]!.GetValue<string>());

        await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/people/{ids[0]}/disembark", new { reason = "stay of removal" }));
        var departed = await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { }));

        Assert.Equal("departed", departed["status"]!.GetValue<string>());
        Assert.Equal(1, departed["counts"]!["departed"]!.GetValue<int>());
        Assert.Equal(1, departed["counts"]!["disembarked"]!.GetValue<int>());
        var personLedger = await LedgerKindsAsync("person:" + ids[0]);
        var order = Array.IndexOf(personLedger, "court-order.entered");
        Assert.True(order >= 0);
        Assert.Contains("custody.recorded", personLedger[order..]);
        var manifestLedger = await LedgerKindsAsync("manifest:" + manifest);
        var block = Array.IndexOf(manifestLedger, "manifest.alert-raised");
        var off = Array.IndexOf(manifestLedger, "manifest.person-disembarked");
        Assert.True(block >= 0 && off > block && Array.IndexOf(manifestLedger, "manifest.departed") > off, string.Join(",", manifestLedger));
        var custody = (await supervisor.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/custody"))!;
        Assert.Equal("us-processing-centre", custody[^1]!["facilityId"]!.GetValue<string>());
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task OrderAfterDeparture_RaisesReturnRequired_AndHandOverIsRefused_WhileOthersAreHandedOverAndFoundByTheLocator()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var court = await factory.BearerAsync(Roles.CourtUser);
        var (x, y) = (Unique("AFTER-X"), Unique("AFTER-Y"));
        var ids = await ImportAsync(factory, EligiblePerson(x, "Óscar", "Núñez"), EligiblePerson(y, "Julia", "Flores"));
        var manifest = await CreateManifestAsync(supervisor);
        await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], x), (ids[1], y)]);
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { }));

        Assert.Equal(HttpStatusCode.Created, (await court.PostAsJsonAsync($"/api/people/{ids[0]}/court-orders", Stay(Now(-1)))).StatusCode);
        var arrived = await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/arrive", new { }));
        Assert.Equal("return-required", PersonOn(arrived, ids[0])["alert"]!.GetValue<string>());

        var dispatch = await escort.PostAsync($"/api/manifests/{manifest}/people/{ids[0]}/dispatch", null);
        Assert.Equal(HttpStatusCode.Conflict, dispatch.StatusCode);
        Assert.Contains("Return required", (await dispatch.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await OkAsync(escort.PostAsync($"/api/manifests/{manifest}/people/{ids[1]}/dispatch", null));
        var sameOfficial = await escort.PostAsync($"/api/manifests/{manifest}/people/{ids[1]}/receive", null);
        Assert.Equal(HttpStatusCode.Forbidden, sameOfficial.StatusCode);
        var handed = await OkAsync(reception.PostAsync($"/api/manifests/{manifest}/people/{ids[1]}/receive", null));
        Assert.Equal("handed-over", PersonOn(handed, ids[1])["status"]!.GetValue<string>());
        Assert.Equal(1, handed["counts"]!["handedOver"]!.GetValue<int>());

        await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/discrepancies", new { personId = ids[0], kind = "identity-doubt", note = "Photo does not match" }));
        var csv = await supervisor.GetAsync($"/api/manifests/{manifest}/reconciliation.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", csv.Content.Headers.ContentType!.CharSet);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 2 + 7 + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("count,handedOver,1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("discrepancy,identity-doubt", StringComparison.Ordinal));
        var pdf = await supervisor.GetAsync($"/api/manifests/{manifest}/reconciliation.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..4]);

        var custody = (await supervisor.GetFromJsonAsync<JsonArray>($"/api/people/{ids[1]}/custody"))!;
        Assert.Equal(["registered", "boarded", "handed-over"], custody.Select(r => r!["event"]!.GetValue<string>()));
        Assert.Equal("SV", custody[^1]!["custodian"]!.GetValue<string>());
        Assert.Equal("US", custody[^1]!["onBehalfOf"]!.GetValue<string>());
        Assert.Equal("US", custody[^1]!["funder"]!.GetValue<string>());
        var stillOnFlight = (await supervisor.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/custody"))!;
        Assert.Equal("manifest", stillOnFlight[^1]!["placeKind"]!.GetValue<string>());

        var found = (await factory.Anonymous().GetFromJsonAsync<JsonArray>($"/api/locator?givenName=JULIA&familyName=flores&countryOfBirth=SV"))!;
        Assert.Contains(found, r => r!["facilityName"]!.GetValue<string>() == "Centro de Confinamiento del Terrorismo (CECOT)"
            && r["facilityTelephone"]!.GetValue<string>() == "+503 2500 0000" && r["heldOnBehalfOf"]!.GetValue<string>() == "US");
        var byId = (await factory.Anonymous().GetFromJsonAsync<JsonArray>($"/api/locator?identifier=a{y.ToLowerInvariant()}&countryOfBirth=sv"))!;
        Assert.Single(byId);
        var accents = (await factory.Anonymous().GetFromJsonAsync<JsonArray>($"/api/locator?givenName=Oscar&familyName=NUNEZ&countryOfBirth=SV"))!;
        Assert.NotEmpty(accents);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Locator_NeverShowsAMinor_AndNamesTheFieldsOfABadQuery()
    {
        var minor = Unique("MINOR");
        await ImportAsync(factory, EligiblePerson(minor, "Niño", "Quiroga", DateTimeOffset.UtcNow.AddYears(-17).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var anonymous = factory.Anonymous();

        Assert.Empty((await anonymous.GetFromJsonAsync<JsonArray>($"/api/locator?givenName=Nino&familyName=Quiroga&countryOfBirth=SV"))!);
        Assert.Empty((await anonymous.GetFromJsonAsync<JsonArray>($"/api/locator?identifier=A{minor}&countryOfBirth=SV"))!);
        var bad = await anonymous.GetAsync("/api/locator?givenName=Nino");
        var problem = (await bad.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull(problem["errors"]!["countryOfBirth"]);
        Assert.NotNull(problem["errors"]!["familyName"]);
    }

    [Fact]
    public async Task Lock_ThatWouldExceedThePersonCap_IsRefused_AndWritesNothing()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var agreement = JsonNode.Parse(Custody.Imports.FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json"))!.AsObject();
        var capId = Unique("cap").ToLowerInvariant();
        agreement["id"] = capId;
        foreach (var version in agreement["versions"]!.AsArray())
        {
            version!["personCap"] = 2;
        }
        using (var scope = factory.Services.CreateScope())
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(agreement.ToJsonString());
            var imported = await new Custody.Imports.ImportFile(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), TimeProvider.System)
                .HandleAsync(() => new MemoryStream(bytes), "test:import", null, CancellationToken.None);
            Assert.True(imported.Succeeded);
        }
        var people = Enumerable.Range(0, 3).Select(i => Unique("CAP" + i)).ToArray();
        var ids = await ImportAsync(factory, people.Select(p => EligiblePerson(p)).ToArray());
        var manifest = await CreateManifestAsync(supervisor, capId);
        foreach (var id in ids)
        {
            await AddAsync(supervisor, manifest, id);
        }
        var before = (await LedgerKindsAsync("manifest:" + manifest)).Length;

        var response = await supervisor.PostAsync($"/api/manifests/{manifest}/lock", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("person cap of 2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await LedgerKindsAsync("manifest:" + manifest)).Length);
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/people/{ids[2]}/remove", new { reason = "cap" }));
        await OkAsync(supervisor.PostAsync($"/api/manifests/{manifest}/lock", null));
    }

    [Fact]
    public async Task ConcurrentLocks_ExactlyOneSucceeds_TheOthersGet409WithTheState()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var ids = await ImportAsync(factory, EligiblePerson(Unique("RACE")));
        var manifest = await CreateManifestAsync(supervisor);
        await AddAsync(supervisor, manifest, ids[0]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => supervisor.PostAsync($"/api/manifests/{manifest}/lock", null)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var conflict = (await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("locked", conflict["state"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task IdempotencyKey_ReplaysTheResponse_RefusesAnotherPayload_AndCreatesOnce()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var body = new { agreementId = "us-sv-2025", carrier = "Idem Air", movement = "ID1", originFacilityId = "us-processing-centre", destinationFacilityId = "sv-cecot", scheduledDeparture = Now(60) };
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request(object payload) => new(HttpMethod.Post, "/api/manifests") { Content = JsonContent.Create(payload), Headers = { { "Idempotency-Key", key } } };

        var first = await supervisor.SendAsync(Request(body));
        var again = await supervisor.SendAsync(Request(body));
        var other = await supervisor.SendAsync(Request(body with { }));
        var changed = await supervisor.SendAsync(Request(new { body.agreementId, carrier = "Other Air", body.movement, body.originFacilityId, body.destinationFacilityId, body.scheduledDeparture }));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("true", again.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal((HttpStatusCode)422, changed.StatusCode);
        var board = (await supervisor.GetFromJsonAsync<JsonArray>("/api/manifests"))!;
        Assert.Single(board, m => m!["carrier"]!.GetValue<string>() == "Idem Air");
    }

    [Fact]
    public async Task Commands_ValidateTheirInput_UnknownIdsAre404_AndWrongStatesAre409()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var invalid = await supervisor.PostAsJsonAsync("/api/manifests", new { agreementId = "nope", carrier = "", scheduledDeparture = "tomorrow" });
        var problem = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        foreach (var field in new[] { "carrier", "movement", "scheduledDeparture", "originFacilityId", "destinationFacilityId" })
        {
            Assert.True(problem["errors"]![field] is not null, field);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsync($"/api/manifests/{Guid.NewGuid()}/lock", null)).StatusCode);
        var manifest = await CreateManifestAsync(supervisor);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/people", new { personId = Guid.NewGuid(), role = "principal" })).StatusCode);
        var badRole = await supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/people", new { role = "pilot" });
        var errors = (await badRole.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!;
        Assert.NotNull(errors["personId"]);
        Assert.NotNull(errors["role"]);
    }

    [Fact]
    public async Task DeathInTransit_QueuesTwoNoticesWithDeadlines_AndTheCustodyRecordSaysDeceased()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var person = Unique("DEATH");
        var ids = await ImportAsync(factory, EligiblePerson(person));
        var manifest = await CreateManifestAsync(supervisor);
        await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], person)]);
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { }));

        var view = await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/incidents",
            new { kind = "death", personId = ids[0], details = "Found unresponsive in seat 14C", circumstances = "During the flight" }));

        Assert.Equal("lost-in-transit", PersonOn(view, ids[0])["status"]!.GetValue<string>());
        var custody = (await supervisor.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/custody"))!;
        Assert.Equal("deceased", custody[^1]!["placeKind"]!.GetValue<string>());
        var outbox = (await director.GetFromJsonAsync<JsonArray>("/api/notifications"))!.Where(n => n!["personId"]?.GetValue<string>() == ids[0].ToString()).ToList();
        var incident = outbox.Where(n => n!["kind"]!.GetValue<string>().StartsWith("incident", StringComparison.Ordinal)).ToList();
        Assert.Equal(["incident-next-of-kin", "incident-report"], incident.Select(n => n!["kind"]!.GetValue<string>()).Order());
        Assert.All(incident, n => Assert.NotNull(n!["dueBy"]));
        Assert.Contains(incident, n => n!["language"]!.GetValue<string>() == "es" && n["body"]!.GetValue<string>().Contains("fallecimiento", StringComparison.Ordinal));
        // Departure queued the transfer notices to counsel of record and the designated family contact, in Spanish.
        Assert.Contains(outbox, n => n!["kind"]!.GetValue<string>() == "transfer-counsel" && n["body"]!.GetValue<string>().Contains("+503 2500 0000", StringComparison.Ordinal));
        Assert.Contains(outbox, n => n!["kind"]!.GetValue<string>() == "transfer-family");
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Locator_TooManyRequests_Answers429WithRetryAfter_OnTheApiAndThePage()
    {
        using var limited = new CustodyWebFactory { LocatorRequestsPerMinute = 2 };
        var client = limited.Anonymous();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/locator?identifier=A1&countryOfBirth=SV")).StatusCode);
        }

        var api = await client.GetAsync("/api/locator?identifier=A1&countryOfBirth=SV");
        var page = await client.GetAsync("/Locator?identifier=A1&countryOfBirth=SV");

        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.NotNull(api.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }

    [Fact]
    public async Task Locator_SignedInCounselOrCourt_GetsTheTimelineLink_ThePublicDoesNot()
    {
        var person = Unique("LINK");
        var ids = await ImportAsync(factory, EligiblePerson(person, "Tomás", "Linares"));
        var query = $"/api/locator?identifier=A{person}&countryOfBirth=SV";

        var anonymous = (await factory.Anonymous().GetFromJsonAsync<JsonArray>(query))!;
        var court = (await (await factory.BearerAsync(Roles.CourtUser)).GetFromJsonAsync<JsonArray>(query))!;

        Assert.Null(anonymous.Single()!["personId"]);
        Assert.Equal(ids[0].ToString(), court.Single()!["personId"]!.GetValue<string>());
        var timeline = (await (await factory.BearerAsync(Roles.CourtUser)).GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/custody"))!;
        Assert.Equal("registered", timeline.Single()!["event"]!.GetValue<string>());
    }

    [Fact]
    public async Task IdempotencyKey_ConcurrentRetries_WaitForTheFirst_AndReplayItsAnswer_CreatingOnce()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var carrier = "Burst Air " + Guid.NewGuid().ToString("N")[..6];
        var body = new { agreementId = "us-sv-2025", carrier, movement = "BU1", originFacilityId = "us-processing-centre", destinationFacilityId = "sv-cecot", scheduledDeparture = Now(60) };
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            supervisor.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/manifests") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } })));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        // No "in progress" answer exists any more: a retry waits for the first to commit, then replays it.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(3, responses.Count(r => r.Headers.Contains("Idempotency-Replayed")));
        var board = (await supervisor.GetFromJsonAsync<JsonArray>("/api/manifests"))!;
        Assert.Single(board, m => m!["carrier"]!.GetValue<string>() == carrier);
    }

    [Fact]
    public async Task IdempotencyKey_Expires_IsAnHmacFingerprint_AndIsNeverKeptForTheTokenEndpoint()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var key = Guid.NewGuid().ToString();
        using (var scope = factory.Services.CreateScope())
        {
            // A key used more than a day ago, its answer kept.
            var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
            db.IdempotentRequests.Add(new Custody.Idempotency.IdempotentRequest
            {
                Owner = "transfer-supervisor@demo.custody.example", Key = key, CreatedAt = DateTime.UtcNow.AddHours(-25), Fingerprint = "old", ResponseStatus = 201, ResponseBody = "{}"u8.ToArray(),
            });
            await db.SaveChangesAsync();
        }
        var body = new { agreementId = "us-sv-2025", carrier = "Late Air", movement = "LA1", originFacilityId = "us-processing-centre", destinationFacilityId = "sv-cecot", scheduledDeparture = Now(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/manifests") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } };
        var response = await supervisor.SendAsync(request);
        var tokenKey = Guid.NewGuid().ToString();
        using var token = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token")
        {
            Content = JsonContent.Create(new { email = Custody.Web.Infrastructure.DemoSeeder.EmailFor(Roles.Auditor), password = CustodyWebFactory.Password }), Headers = { { "Idempotency-Key", tokenKey } },
        };
        var tokenResponse = await factory.Anonymous().SendAsync(token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        using var check = factory.Services.CreateScope();
        var stored = check.ServiceProvider.GetRequiredService<CustodyDbContext>().IdempotentRequests.ToList();
        var kept = stored.Single(r => r.Key == key);
        var plainHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("POST /api/manifests\n" + System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web))));
        Assert.Equal(64, kept.Fingerprint.Length);
        Assert.NotEqual(plainHash, kept.Fingerprint);
        Assert.DoesNotContain(stored, r => r.Key == tokenKey);
    }

    [Fact]
    public async Task ConcurrentAcknowledgements_ExactlyOneSucceeds()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var person = Unique("ACK");
        var ids = await ImportAsync(factory, EligiblePerson(person));
        var manifest = await CreateManifestAsync(supervisor);
        await LockedAndBoardedAsync(supervisor, escort, manifest, [(ids[0], person)]);
        await OkAsync(supervisor.PostAsJsonAsync($"/api/manifests/{manifest}/depart", new { }));
        await OkAsync(escort.PostAsJsonAsync($"/api/manifests/{manifest}/arrive", new { }));

        var dispatches = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => escort.PostAsync($"/api/manifests/{manifest}/people/{ids[0]}/dispatch", null)));
        var receipts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => reception.PostAsync($"/api/manifests/{manifest}/people/{ids[0]}/receive", null)));

        Assert.Single(dispatches, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(receipts, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(dispatches.Concat(receipts).Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var custody = (await supervisor.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/custody"))!;
        Assert.Single(custody, r => r!["event"]!.GetValue<string>() == "handed-over");
    }

    [Fact]
    public async Task Locator_AfterAReImportChangesTheName_FindsTheNewNameOnly()
    {
        var id = Unique("RENAME");
        await ImportAsync(factory, EligiblePerson(id, "Marta", "Antes"));
        await ImportAsync(factory, EligiblePerson(id, "Marta", "Después"));
        var anonymous = factory.Anonymous();

        Assert.Empty((await anonymous.GetFromJsonAsync<JsonArray>("/api/locator?givenName=Marta&familyName=Antes&countryOfBirth=SV"))!);
        Assert.Single((await anonymous.GetFromJsonAsync<JsonArray>("/api/locator?givenName=marta&familyName=despues&countryOfBirth=SV"))!);
        await AssertLedgerVerifiesAsync(factory);
    }
}
