using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Demo;
using Custody.Facilities;
using Custody.Persistence;
using Custody.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

public abstract class RegisterApiTests(CustodyWebFactory factory)
{
    /// <summary>People imported and handed over at CECOT through the real commands (each test its own).</summary>
    private async Task<List<Guid>> HandedOverAsync(string prefix, int count, string agreement = "us-sv-2025")
    {
        var people = Enumerable.Range(0, count).Select(i => Custody.Demo.EligiblePerson.Create($"{prefix}-{i:D2}", "Reo", $"{prefix}-{i:D2}")).ToArray();
        var ids = await ImportAsync(factory, people);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustodyDbContext>();
        await DemoMovement.HandOverAsync(db, TimeProvider.System, agreement, "us-processing-centre", "sv-cecot",
            ids.Select((id, i) => (id, people[i]["id"]!.GetValue<string>())).ToList());
        return ids;
    }

    private static async Task<string> NewCellAsync(HttpClient director)
    {
        var unit = "T" + Guid.NewGuid().ToString("N")[..6];
        var cell = await OkAsync(director.PostAsJsonAsync("/api/facilities/sv-cecot/cells", new
        {
            unit, number = "01", floorAreaM2 = 100, shared = true, bunks = 80, toilets = 2, showers = 2, waterLitresPerDay = 1200, lightingHours = 24,
            ventilation = "mechanical", designCapacity = 156, operationalCapacity = 80,
        }));
        return cell["id"]!.GetValue<string>();
    }

    [Theory]
    [InlineData("returned", "return-counsel", "return-family")]
    [InlineData("released", "release-counsel", "release-family")]
    [InlineData("transferred-onward", "onward-counsel", "onward-family")]
    public async Task Release_AnyEndOfCustodyHere_QueuesNoticesToCounselOfRecordAndTheFamily(string kind, string counselNotice, string familyNotice)
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var ids = await HandedOverAsync(Unique("END"), 1);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register = FullRegister }));

        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/release", new { kind, destination = "Aeropuerto Internacional", authority = "Juzgado 3" }));

        var notices = (await director.GetFromJsonAsync<JsonArray>("/api/notifications"))!
            .Where(n => n!["personId"]?.GetValue<string>() == ids[0].ToString() && n["kind"]!.GetValue<string>() is var k && (k == counselNotice || k == familyNotice)).ToList();
        Assert.Equal(new[] { counselNotice, familyNotice }.Order(StringComparer.Ordinal), notices.Select(n => n!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(notices, n => Assert.NotNull(n!["dueBy"]));
        // The person speaks Spanish: the notices are in Spanish, and name where the person went.
        Assert.All(notices, n => Assert.Contains("Aeropuerto Internacional", n!["body"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains(notices, n => n!["recipientName"]!.GetValue<string>() == "R. Alvarez" && n["language"]!.GetValue<string>() == "es");
    }

    [Fact]
    public async Task Death_BetweenHandOverAndAdmission_IsRecordedAtTheFacility_QueuesEveryNoticeWithDeadlines()
    {
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var ids = await HandedOverAsync(Unique("GAP"), 1);

        var death = await OkAsync(director.PostAsJsonAsync("/api/facilities/sv-cecot/incidents", new
        {
            kind = "death", personId = ids[0], details = "Collapsed in the reception yard", circumstances = "Before admission, awaiting processing",
            cause = "Pending autopsy", remainsDestination = "Instituto de Medicina Legal",
        }));

        var notices = (await director.GetFromJsonAsync<JsonArray>("/api/notifications"))!.Where(n => n!["incidentId"]?.GetValue<string>() == death["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["incident-next-of-kin", "incident-report", "incident-sending-state"], notices.Select(n => n!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(notices, n => Assert.NotNull(n!["dueBy"]));
        var custody = (await director.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/custody"))!;
        Assert.Equal("deceased", custody[^1]!["placeKind"]!.GetValue<string>());
        // Nobody is admitted after death.
        Assert.Equal(HttpStatusCode.Conflict, (await reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register = FullRegister })).StatusCode);
        var other = await ImportAsync(factory, EligiblePerson(Unique("NOT-HERE")));
        Assert.Equal(HttpStatusCode.Conflict, (await director.PostAsJsonAsync("/api/facilities/sv-cecot/incidents",
            new { kind = "serious-injury", personId = other[0], details = "Not held here" })).StatusCode);
    }

    [Fact]
    public async Task Occupancy_CountsTheAdmittedWithoutACell_AndAWaitOver24HoursIsAFinding()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var person = Custody.Demo.EligiblePerson.Create(Unique("WAITCELL"), "Reo", "Wait");
        var ids = await ImportAsync(factory, person);
        using (var scope = factory.Services.CreateScope())
        {
            await DemoMovement.HandOverAsync(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2)),
                "us-sv-2025", "us-processing-centre", "sv-cecot", [(ids[0], person["id"]!.GetValue<string>())]);
        }
        var before = await OkAsync(reception.GetAsync("/api/facilities/sv-cecot/occupancy"));

        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission",
            new { register = FullRegister, admittedAt = DateTimeOffset.UtcNow.AddHours(-25).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) }));
        var after = await OkAsync(reception.GetAsync("/api/facilities/sv-cecot/occupancy"));
        var page = await (await factory.SignedInAsync(Roles.FacilityDirector)).GetStringAsync("/Facilities/Register/sv-cecot");

        Assert.Equal(before["occupants"]!.GetValue<int>() + 1, after["occupants"]!.GetValue<int>());
        Assert.Equal(before["awaitingCell"]!.GetValue<int>() + 1, after["awaitingCell"]!.GetValue<int>());
        Assert.Equal(before["awaitingCellOver24Hours"]!.GetValue<int>() + 1, after["awaitingCellOver24Hours"]!.GetValue<int>());
        Assert.Contains("id=\"awaiting-cell-finding\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discipline_The16thConsecutiveDayOfSolitaryIsRefused_NamingTheRule_AndNothingIsWritten()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var ids = await HandedOverAsync(Unique("DISC"), 1);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register = FullRegister }));
        object Solitary(string startsOn, int days) => new
        {
            offence = "Assault on a guard", hearingAt = Now(-60), hearingOutcome = "Heard with counsel; admitted the facts", sanction = "solitary-confinement",
            startsOn, days, health = new { pregnant = false, disabilityWorsened = false },
        };
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var next = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await OkAsync(director.PostAsJsonAsync($"/api/people/{ids[0]}/disciplinary-measures", Solitary(today, 10)));
        var sixteenth = await director.PostAsJsonAsync($"/api/people/{ids[0]}/disciplinary-measures", Solitary(next, 6));
        var fifteenth = await director.PostAsJsonAsync($"/api/people/{ids[0]}/disciplinary-measures", Solitary(next, 5));
        var collective = await director.PostAsJsonAsync($"/api/people/{ids[0]}/disciplinary-measures", new
        {
            offence = "Noise", hearingAt = Now(-60), hearingOutcome = "No hearing of the person", sanction = "loss-of-privileges", startsOn = today, days = 3, collective = true,
        });
        var measures = (await director.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/disciplinary-measures"))!;

        Assert.Equal(HttpStatusCode.Conflict, sixteenth.StatusCode);
        var problem = (await sixteenth.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("43(1)(b), 44", problem["breaches"]![0]!["rule"]!.GetValue<string>());
        Assert.Contains("15 consecutive days", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fifteenth.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, collective.StatusCode);
        Assert.Equal(2, measures.Count);
        // The page: the same refusal, named.
        var page = await factory.SignedInAsync(Roles.FacilityDirector);
        var form = await page.GetStringAsync($"/People/Discipline/{ids[0]}");
        var refused = await page.PostAsync($"/People/Discipline/{ids[0]}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Offence"] = "Fight", ["Form.HearingAt"] = Now(-30), ["Form.HearingOutcome"] = "Heard", ["Form.Sanction"] = "reduction-of-food-or-water",
            ["Form.StartsOn"] = today, ["Form.Days"] = "2", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));
        Assert.Contains("rule 43(1)(d)", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Complaints_IllTreatmentIsReferredAtOnceWithItsDeadline_OthersAreAcknowledgedAndAnswered_LateOnesListed()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var counsel = await factory.BearerAsync(Roles.Counsel);
        var ids = await HandedOverAsync(Unique("CMPL"), 1);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register = FullRegister }));

        var invalid = await counsel.PostAsJsonAsync($"/api/people/{ids[0]}/complaints", new { filedBy = "neighbour", kind = "complaint" });
        var illTreatment = await OkAsync(counsel.PostAsJsonAsync($"/api/people/{ids[0]}/complaints",
            new { filedBy = "counsel", kind = "ill-treatment", text = "Beaten by two guards in block 3 on arrival" }));
        var request = await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/complaints", new { filedBy = "person", kind = "request", text = "Asks for a blanket" }));
        var notices = (await director.GetFromJsonAsync<JsonArray>("/api/notifications"))!
            .Where(n => n!["personId"]?.GetValue<string>() == ids[0].ToString() && n["kind"]!.GetValue<string>() == "incident-report").ToList();
        await OkAsync(director.PostAsync($"/api/complaints/{request["id"]}/acknowledge", null));
        var ackAgain = await director.PostAsync($"/api/complaints/{request["id"]}/acknowledge", null);
        var answered = await OkAsync(director.PostAsJsonAsync($"/api/complaints/{request["id"]}/answer", new { answer = "Two blankets issued" }));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var fields = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("filedBy", fields);
        Assert.Contains("text", fields);
        Assert.NotNull(illTreatment["referredAt"]);
        var report = Assert.Single(notices)!;
        Assert.Contains("Beaten by two guards", report["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(report["dueBy"]);
        Assert.Null(request["referredAt"]);
        Assert.Equal(HttpStatusCode.Conflict, ackAgain.StatusCode);
        Assert.Equal("answered", answered["status"]!.GetValue<string>());

        // Received eight days ago and never acknowledged: listed as late.
        using (var scope = factory.Services.CreateScope())
        {
            var then = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-8));
            var late = await new Custody.Complaints.FileComplaint(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), then, new(), new())
                .HandleAsync(new Custody.Common.PersonId(ids[0]), new("relative", "complaint", "No visits allowed for a month"), new Custody.Access.Viewer("test:reception"));
            Assert.True(late.Succeeded, late.Failure?.Message);
        }
        var overdue = (await (await factory.BearerAsync(Roles.Inspector)).GetFromJsonAsync<JsonArray>("/api/complaints/overdue"))!;
        Assert.Contains(overdue, c => c!["text"]!.GetValue<string>() == "No visits allowed for a month" && c["overdue"]!.GetValue<bool>());
        // The page: a relative's complaint received by the facility, listed with its deadlines.
        var page = await factory.SignedInAsync(Roles.ReceptionOfficer);
        var form = await page.GetStringAsync($"/People/Complaints/{ids[0]}");
        var filed = await page.PostAsync($"/People/Complaints/{ids[0]}?handler=File", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["filedBy"] = "relative", ["kind"] = "complaint", ["text"] = "Parcel not delivered", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Contains("Parcel not delivered", await page.GetStringAsync($"/People/Complaints/{ids[0]}"), StringComparison.Ordinal);
        // Counsel of record reads and files on the client's pages (they sit with the person's file, not the facility's register).
        var counselPage = await factory.SignedInAsync(Roles.Counsel);
        var counselForm = await counselPage.GetStringAsync($"/People/Complaints/{ids[0]}");
        var byCounsel = await counselPage.PostAsync($"/People/Complaints/{ids[0]}?handler=File", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["filedBy"] = "counsel", ["kind"] = "request", ["text"] = "Legal visit on Monday", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(counselForm),
        }));
        Assert.Equal(HttpStatusCode.Redirect, byCounsel.StatusCode);
        Assert.Contains("Parcel not delivered", counselForm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await counselPage.GetAsync($"/People/Discipline/{ids[0]}")).StatusCode);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task WelfareCheck_CapacityComesFromTheAccount_NotTheRequest_AndALateCheckIsKeptButNotPayable()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var inspector = await factory.BearerAsync(Roles.Inspector);
        // Handed over a week ago and admitted six days ago, so that a check five days old falls within the stay.
        var person = Custody.Demo.EligiblePerson.Create(Unique("VOUCH"), "Reo", "Vouch");
        var ids = await ImportAsync(factory, person);
        using (var scope = factory.Services.CreateScope())
        {
            await DemoMovement.HandOverAsync(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-7)),
                "us-sv-2025", "us-processing-centre", "sv-cecot", [(ids[0], person["id"]!.GetValue<string>())]);
        }
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission",
            new { register = FullRegister, admittedAt = DateTimeOffset.UtcNow.AddDays(-6).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) }));

        var byStaff = await OkAsync(director.PostAsJsonAsync($"/api/people/{ids[0]}/welfare-checks",
            new { seenBy = "ICRC delegate", role = "icrc", condition = "Well", privateConversation = true, identityConfirmedBy = "verified-identifier" }));
        var byMonitor = await OkAsync(inspector.PostAsJsonAsync($"/api/people/{ids[0]}/welfare-checks",
            new { seenBy = "ICRC delegate", condition = "Well", privateConversation = true, identityConfirmedBy = "photograph-compared" }));
        var backDated = await OkAsync(inspector.PostAsJsonAsync($"/api/people/{ids[0]}/welfare-checks", new
        {
            seenBy = "ICRC delegate", condition = "Well", privateConversation = true, identityConfirmedBy = "verified-identifier",
            seenAt = DateTimeOffset.UtcNow.AddDays(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        }));
        var badMethod = await inspector.PostAsJsonAsync($"/api/people/{ids[0]}/welfare-checks", new { seenBy = "X", condition = "Well", identityConfirmedBy = "looked-familiar" });

        Assert.Equal("facility-staff", byStaff["role"]!.GetValue<string>());
        Assert.False(byStaff["payable"]!.GetValue<bool>());
        Assert.Equal("independent-monitor", byMonitor["role"]!.GetValue<string>());
        Assert.True(byMonitor["payable"]!.GetValue<bool>());
        Assert.True(backDated["late"]!.GetValue<bool>());
        Assert.False(backDated["payable"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, badMethod.StatusCode);
        Assert.Contains("identityConfirmedBy", await badMethod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_PersonCap_CountsThePeopleHeld_ButNeverTheDeadOrTheReleased()
    {
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var agreement = JsonNode.Parse(Custody.Imports.FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json"))!.AsObject();
        var capId = Unique("held-cap").ToLowerInvariant();
        agreement["id"] = capId;
        foreach (var version in agreement["versions"]!.AsArray())
        {
            version!["personCap"] = 2;
        }
        using (var scope = factory.Services.CreateScope())
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(agreement.ToJsonString());
            Assert.True((await new Custody.Imports.ImportFile(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), TimeProvider.System)
                .HandleAsync(() => new MemoryStream(bytes), "test:import", null, CancellationToken.None)).Succeeded);
        }
        var held = await HandedOverAsync(Unique("HELD"), 2, capId);
        var next = await ImportAsync(factory, EligiblePerson(Unique("NEXT-A")), EligiblePerson(Unique("NEXT-B")));
        var first = await CreateManifestAsync(supervisor, capId);
        await AddAsync(supervisor, first, next[0]);

        // Two held under the agreement: a third would exceed the cap of 2.
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsync($"/api/manifests/{first}/lock", null)).StatusCode);

        await OkAsync(reception.PostAsJsonAsync($"/api/people/{held[0]}/admission", new { register = FullRegister }));
        await OkAsync(director.PostAsJsonAsync("/api/facilities/sv-cecot/incidents", new
        {
            kind = "death", personId = held[0], details = "Found unresponsive", circumstances = "In his cell at the 06:00 count", cause = "Pending autopsy",
            remainsDestination = "Instituto de Medicina Legal",
        }));
        // The dead are not held: one held plus one on the manifest is within the cap.
        await OkAsync(supervisor.PostAsync($"/api/manifests/{first}/lock", null));

        await OkAsync(reception.PostAsJsonAsync($"/api/people/{held[1]}/admission", new { register = FullRegister }));
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{held[1]}/release", new { kind = "released", destination = "San Salvador", authority = "Juzgado 1" }));
        var second = await CreateManifestAsync(supervisor, capId);
        await AddAsync(supervisor, second, next[1]);
        // Nor the released: the locked manifest's one plus this one make two.
        await OkAsync(supervisor.PostAsync($"/api/manifests/{second}/lock", null));
    }

    [Fact]
    public async Task Admission_WithoutTheRegisterFields_IsRefusedNamingEach_AndDeclinedCounts()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var ids = await HandedOverAsync(Unique("ADM"), 1);

        var missing = await reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register = new { identity = new { value = "Checked against A-number" } } });
        var errors = (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        var register = new Dictionary<string, object>(FullRegister) { ["complaintsOfIllTreatment"] = new { status = "declined" } };
        var admitted = await reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register });
        var again = await reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(Admission.RequiredFields.Skip(1).Select(f => "register." + f).Order(), errors.Select(e => e.Key).Order());
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        var stored = JsonNode.Parse((await admitted.Content.ReadFromJsonAsync<JsonObject>())!["register"]!.GetValue<string>())!;
        Assert.Equal("declined", stored["complaintsOfIllTreatment"]!["status"]!.GetValue<string>());
        Assert.Equal("user:reception-officer@demo.custody.example", stored["complaintsOfIllTreatment"]!["recordedBy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var notHandedOver = (await ImportAsync(factory, EligiblePerson(Unique("NHO"))))[0];
        Assert.Equal(HttpStatusCode.Conflict, (await reception.PostAsJsonAsync($"/api/people/{notHandedOver}/admission", new { register = FullRegister })).StatusCode);
    }

    [Fact]
    public async Task CellAssignment_The30thOccupantOfA100SquareMetreCell_IsRefusedUnderTheModelAgreement_AndWarnedUnderAWarnAgreement()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var ids = await HandedOverAsync(Unique("CELL"), 30);
        var cell = await NewCellAsync(director);
        foreach (var id in ids)
        {
            await OkAsync(reception.PostAsJsonAsync($"/api/people/{id}/admission", new { register = FullRegister }));
        }
        for (var i = 0; i < 29; i++)
        {
            await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[i]}/cell", new { cellId = cell }));
        }

        var thirtieth = await reception.PostAsJsonAsync($"/api/people/{ids[29]}/cell", new { cellId = cell });
        var problem = await thirtieth.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, thirtieth.StatusCode);
        Assert.Contains("minFloorAreaSharedCellM2: 3.33 (required 3.4)", problem, StringComparison.Ordinal);
        var occupancy = await OkAsync(reception.GetAsync("/api/facilities/sv-cecot/occupancy"));
        Assert.Equal(29, occupancy["cells"]!.AsArray().Single(c => c!["cellId"]!.GetValue<string>() == cell)!["occupants"]!.GetValue<int>());

        // The same step under an agreement whose standards say "warn": allowed, with the finding recorded.
        var warnAgreement = await WarnAgreementAsync();
        var warned = await HandedOverAsync(Unique("WARN"), 30, warnAgreement);
        var warnCell = await NewCellAsync(director);
        foreach (var id in warned)
        {
            await OkAsync(reception.PostAsJsonAsync($"/api/people/{id}/admission", new { register = FullRegister }));
            var assignment = await OkAsync(reception.PostAsJsonAsync($"/api/people/{id}/cell", new { cellId = warnCell }));
            Assert.Equal(id == warned[^1], assignment["finding"] is not null);
        }
        var register = await OkAsync(reception.GetAsync("/api/facilities/sv-cecot/register"));
        Assert.Contains(register["held"]!.AsArray(), h => h!["finding"]?.GetValue<string>()?.Contains("minFloorAreaSharedCellM2", StringComparison.Ordinal) == true);
    }

    private async Task<string> WarnAgreementAsync()
    {
        var agreement = JsonNode.Parse(Custody.Imports.FormatSchemas.ReadEmbedded("us-sv-2025.agreement.json"))!.AsObject();
        var id = Unique("warn").ToLowerInvariant();
        agreement["id"] = id;
        foreach (var version in agreement["versions"]!.AsArray())
        {
            version!["facilityStandards"]!["onExceed"] = "warn";
        }
        using var scope = factory.Services.CreateScope();
        var bytes = System.Text.Encoding.UTF8.GetBytes(agreement.ToJsonString());
        var imported = await new Custody.Imports.ImportFile(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), TimeProvider.System)
            .HandleAsync(() => new MemoryStream(bytes), "test:import", null, CancellationToken.None);
        Assert.True(imported.Succeeded);
        return id;
    }

    [Fact]
    public async Task OnwardTransfer_WithAnActiveCourtOrder_IsRefused_UntilTheCourtLiftsIt()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var court = await factory.BearerAsync(Roles.CourtUser);
        var ids = await HandedOverAsync(Unique("ONW"), 1);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register = FullRegister }));
        var order = await court.PostAsJsonAsync($"/api/people/{ids[0]}/court-orders", new
        {
            kind = "facilitate-return", court = "US District Court", issuedAt = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            destinations = new[] { "SV" }, verified = true,
        });
        var orderId = (await order.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var onward = new { kind = "transferred-onward", destination = "Third-country prison", authority = "Ministry of Justice of SV" };

        var refused = await reception.PostAsJsonAsync($"/api/people/{ids[0]}/release", onward);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("facilitate-return", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await OkAsync(court.PostAsJsonAsync($"/api/court-orders/{orderId}/lift", new { }));
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/release", onward));
        var custody = (await court.GetFromJsonAsync<JsonArray>($"/api/people/{ids[0]}/custody"))!;
        Assert.Equal("transferred-onward", custody[^1]!["event"]!.GetValue<string>());
        Assert.Equal("Ministry of Justice of SV", custody[^1]!["custodian"]!.GetValue<string>());
    }

    [Fact]
    public async Task WelfareChecks_Visits_AndArticle18_WithARestrictionShownAsRestricted()
    {
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var inspector = await factory.BearerAsync(Roles.Inspector);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var counsel = await factory.BearerAsync(Roles.Counsel);
        var ids = await HandedOverAsync(Unique("A18"), 1);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new { register = FullRegister }));

        await OkAsync(inspector.PostAsJsonAsync($"/api/people/{ids[0]}/welfare-checks",
            new { seenBy = "ICRC delegate", role = "icrc", condition = "Thin, no visible injuries", privateConversation = true }));
        var visit = await OkAsync(inspector.PostAsJsonAsync($"/api/people/{ids[0]}/visits", new { visitor = "Consul of Venezuela", role = "consular" }));
        var noReason = await director.PostAsJsonAsync($"/api/visits/{visit["id"]}/decision", new { granted = false });
        var denied = await OkAsync(director.PostAsJsonAsync($"/api/visits/{visit["id"]}/decision", new { granted = false, reason = "Security lockdown" }));
        var info = await OkAsync(counsel.GetAsync($"/api/people/{ids[0]}/article-18"));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("denied", denied["status"]!.GetValue<string>());
        Assert.Contains((await director.GetFromJsonAsync<JsonArray>("/api/facilities/sv-cecot/denied-visits"))!, v => v!["id"]!.GetValue<string>() == visit["id"]!.GetValue<string>());
        var injury = await OkAsync(director.PostAsJsonAsync("/api/facilities/sv-cecot/incidents", new { kind = "serious-injury", personId = ids[0], details = "Fractured arm during a search" }));
        var supervisor = await factory.BearerAsync(Roles.TransferSupervisor);
        Assert.Contains((await supervisor.GetFromJsonAsync<JsonArray>("/api/incidents?facility=sv-cecot"))!, i => i!["id"]!.GetValue<string>() == injury["id"]!.GetValue<string>());
        var notices = (await director.GetFromJsonAsync<JsonArray>("/api/notifications"))!.Where(n => n!["incidentId"]?.GetValue<string>() == injury["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["incident-next-of-kin", "incident-report", "incident-sending-state"], notices.Select(n => n!["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.False(info["restricted"]!.GetValue<bool>());
        Assert.Equal("SV", info["custodian"]!.GetValue<string>());
        Assert.Contains("Centro de Confinamiento", info["whereabouts"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Thin, no visible injuries", info["lastWelfareCondition"]!.GetValue<string>());
        Assert.Equal("healthAtAdmission as recorded", info["healthAtAdmission"]!.GetValue<string>());

        // The same, printable as a PDF in the reader's language.
        var pdf = await counsel.GetAsync($"/api/people/{ids[0]}/article-18.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);

        await OkAsync(director.PostAsJsonAsync($"/api/people/{ids[0]}/restrictions", new { ground = "Art. 20(1): criminal investigation under way", authority = "Fiscalía General", reviewBy = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }));
        var restricted = await OkAsync(counsel.GetAsync($"/api/people/{ids[0]}/article-18"));
        Assert.True(restricted["restricted"]!.GetValue<bool>());
        Assert.Equal("Art. 20(1): criminal investigation under way", restricted["restrictionGrounds"]![0]!.GetValue<string>());
        Assert.Null(restricted["whereabouts"]);
        var auditor = await factory.BearerAsync(Roles.Auditor);
        Assert.True((await (await auditor.PostAsync("/api/ledger/verify", null)).Content.ReadFromJsonAsync<JsonObject>())!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Inspection_FindingsAreComputedAgainstTheStandards_ActionsFallOverdue_AndTheReportIsAPdf()
    {
        var inspector = await factory.BearerAsync(Roles.Inspector);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var cell = await NewCellAsync(director);
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var recorded = await OkAsync(inspector.PostAsJsonAsync("/api/facilities/sv-cecot/inspections", new
        {
            cellId = cell,
            measurements = new { occupants = 40, waterLitresPerPersonDay = 8, temperatureC = 34, lightingHours = 24, lightsOn24Hours = true, naturalLight = false,
                ventilation = "mechanical", sanitation = "inadequate", mattresses = 0 },
            actions = new[] { new { description = "Turn the lights off at night", owner = "Facility director", deadline = yesterday } },
        }));
        var findings = recorded["findings"]!.AsArray().ToDictionary(f => f!["item"]!.GetValue<string>(), f => f!["severity"]!.GetValue<string>());

        Assert.Equal("serious", findings["space"]);
        Assert.Equal("critical", findings["water"]);
        Assert.False(findings.ContainsKey("toilets"));
        Assert.Equal("serious", findings["lighting"]);
        Assert.Equal("serious", findings["sanitation"]);
        Assert.Equal("serious", findings["bedding"]);
        Assert.Equal("serious", findings["temperature"]);
        var overdue = (await inspector.GetFromJsonAsync<JsonArray>("/api/facilities/sv-cecot/inspections/overdue-actions"))!;
        var action = overdue.Single(a => a!["inspectionId"]!.GetValue<string>() == recorded["id"]!.GetValue<string>())!;
        var pdf = await inspector.GetAsync($"/api/inspections/{recorded["id"]}/report.pdf");
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..4]);

        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsync($"/api/inspection-actions/{action["id"]}/complete", null)).StatusCode);
        await OkAsync(director.PostAsync($"/api/inspection-actions/{action["id"]}/complete", null));
        Assert.Equal(HttpStatusCode.Conflict, (await director.PostAsync($"/api/inspection-actions/{action["id"]}/complete", null)).StatusCode);
        Assert.DoesNotContain((await inspector.GetFromJsonAsync<JsonArray>("/api/facilities/sv-cecot/inspections/overdue-actions"))!,
            a => a!["id"]!.GetValue<string>() == action["id"]!.GetValue<string>());
        var missing = await inspector.PostAsJsonAsync("/api/facilities/sv-cecot/inspections", new { cellId = cell, actions = new[] { new { description = "", owner = "x", deadline = "soon" } } });
        var errors = (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["actions[0].deadline", "actions[0].description", "measurements"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Charts_OccupancyOverTimeAndSpacePerPerson_AreSvg()
    {
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        foreach (var chart in new[] { "occupancy.svg?days=7", "space.svg" })
        {
            var response = await director.GetAsync($"/api/facilities/sv-cecot/charts/{chart}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType!.CharSet);
            Assert.Contains("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}

public sealed class RegisterApiOnSqliteTests(CustodyWebFactory factory) : RegisterApiTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class RegisterApiOnPostgresTests(PostgresWebFactory factory) : RegisterApiTests(factory), IClassFixture<PostgresWebFactory>;
