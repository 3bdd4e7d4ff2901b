using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custody.Web.Tests.TransferScenario;

namespace Custody.Web.Tests;

/// <summary>
/// Corrections, never edits (invariant 1): a wrong hand-over time or register field is corrected by a
/// new entry with a reason, takes effect only when a second user of the responsible side approves it,
/// and the timeline shows both the time first recorded and the corrected one.
/// </summary>
public abstract class CorrectionApiTests(CustodyWebFactory factory)
{
    private async Task<Guid> HandedOverAsync(string prefix)
    {
        var person = Custody.Demo.EligiblePerson.Create(Unique(prefix), "Reo", prefix);
        var ids = await ImportAsync(factory, person);
        using var scope = factory.Services.CreateScope();
        await Custody.Demo.DemoMovement.HandOverAsync(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-6)),
            "us-sv-2025", "us-processing-centre", "sv-cecot", [(ids[0], person["id"]!.GetValue<string>())]);
        return ids[0];
    }

    [Fact]
    public async Task HandOverTime_CorrectedOnlyWithTheReceivingSidesSecondUser_TimelineShowsBoth()
    {
        var person = await HandedOverAsync("CORR");
        var caseOfficer = await factory.BearerAsync(Roles.CaseOfficer);
        var legal = await factory.BearerAsync(Roles.LegalReviewer);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var timeline = (await caseOfficer.GetFromJsonAsync<JsonArray>($"/api/people/{person}/custody"))!;
        var handOver = timeline[^1]!;
        var previous = timeline[^2]!;
        var recorded = handOver["occurredAt"]!.GetValue<DateTime>().ToUniversalTime();
        var correct = recorded.AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var number = handOver["number"]!.GetValue<int>();

        var noReason = await caseOfficer.PostAsJsonAsync($"/api/people/{person}/corrections", new { custodyRecordNumber = number, occurredAt = correct });
        var future = await caseOfficer.PostAsJsonAsync($"/api/people/{person}/corrections", new { custodyRecordNumber = number, occurredAt = Now(60), reason = "x" });
        var beforePrevious = await caseOfficer.PostAsJsonAsync($"/api/people/{person}/corrections",
            new { custodyRecordNumber = number, occurredAt = previous["occurredAt"]!.GetValue<DateTime>().ToUniversalTime().AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), reason = "x" });
        var proposed = await OkAsync(caseOfficer.PostAsJsonAsync($"/api/people/{person}/corrections",
            new { custodyRecordNumber = number, occurredAt = correct, reason = "The escort's watch was 5 minutes slow" }));
        var id = proposed["id"]!.GetValue<string>();
        var unchanged = (await caseOfficer.GetFromJsonAsync<JsonArray>($"/api/people/{person}/custody"))![^1]!;
        var byProposer = await caseOfficer.PostAsJsonAsync($"/api/corrections/{id}/decision", new { approve = true });
        var byOtherSide = await legal.PostAsJsonAsync($"/api/corrections/{id}/decision", new { approve = true });
        var approved = await OkAsync(reception.PostAsJsonAsync($"/api/corrections/{id}/decision", new { approve = true }));
        var again = await reception.PostAsJsonAsync($"/api/corrections/{id}/decision", new { approve = false, reason = "late" });
        var after = (await caseOfficer.GetFromJsonAsync<JsonArray>($"/api/people/{person}/custody"))!;

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, beforePrevious.StatusCode);
        Assert.Equal("receiving", proposed["side"]!.GetValue<string>());
        Assert.Equal(recorded, unchanged["occurredAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(HttpStatusCode.Forbidden, byProposer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherSide.StatusCode);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(correct, after[^1]!["occurredAt"]!.GetValue<DateTime>().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(after[^1]!["correctedFrom"]);
        Assert.Equal("The escort's watch was 5 minutes slow", after[^1]!["correctionReason"]!.GetValue<string>());
        Assert.Equal(after[^1]!["occurredAt"]!.GetValue<DateTime>(), after[^2]!["endedAt"]!.GetValue<DateTime>());
        var page = await (await factory.SignedInAsync(Roles.CaseOfficer)).GetStringAsync($"/People/Details/{person}");
        Assert.Contains("Corrected; first recorded as", page, StringComparison.Ordinal);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task CustodyRecordField_LegalAuthorityCorrectedAfterApproval_TimelineShowsTheFirstRecordedValue()
    {
        var person = await HandedOverAsync("CORFLD");
        var caseOfficer = await factory.BearerAsync(Roles.CaseOfficer);
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        var handOver = (await caseOfficer.GetFromJsonAsync<JsonArray>($"/api/people/{person}/custody"))![^1]!;
        var number = handOver["number"]!.GetValue<int>();
        var first = handOver["legalAuthority"]!.GetValue<string>();

        var unknownField = await reception.PostAsJsonAsync($"/api/people/{person}/corrections", new { custodyRecordNumber = number, field = "custodian", value = "GT", reason = "x" });
        var noValue = await reception.PostAsJsonAsync($"/api/people/{person}/corrections", new { custodyRecordNumber = number, field = "legalAuthority", reason = "x" });
        var proposed = await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/corrections",
            new { custodyRecordNumber = number, field = "legalAuthority", value = "agreement:us-sv-2025 art. 4", reason = "The article was left out" }));
        var pending = (await caseOfficer.GetFromJsonAsync<JsonArray>($"/api/people/{person}/custody"))![^1]!;
        await OkAsync(director.PostAsJsonAsync($"/api/corrections/{proposed["id"]}/decision", new { approve = true }));
        var after = (await caseOfficer.GetFromJsonAsync<JsonArray>($"/api/people/{person}/custody"))![^1]!;

        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains("field", (await unknownField.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, noValue.StatusCode);
        Assert.Contains("value", (await noValue.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(first, pending["legalAuthority"]!.GetValue<string>());
        Assert.Equal("agreement:us-sv-2025 art. 4", after["legalAuthority"]!.GetValue<string>());
        var corrected = Assert.Single(after["correctedFields"]!.AsArray())!;
        Assert.Equal("legalAuthority", corrected["field"]!.GetValue<string>());
        Assert.Equal(first, corrected["firstRecorded"]!.GetValue<string>());
        var page = await (await factory.SignedInAsync(Roles.CaseOfficer)).GetStringAsync($"/People/Details/{person}");
        Assert.Contains("data-field=\"legalAuthority\"", page, StringComparison.Ordinal);
        await AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task CorrectionsPage_ProposeByOneOfficer_ApproveByASecondOfTheResponsibleSide_ErrorsNamed()
    {
        var person = await HandedOverAsync("CORPAGE");
        var reception = await factory.SignedInAsync(Roles.ReceptionOfficer);
        var director = await factory.SignedInAsync(Roles.FacilityDirector);
        var api = await factory.BearerAsync(Roles.CaseOfficer);
        var number = (await api.GetFromJsonAsync<JsonArray>($"/api/people/{person}/custody"))![^1]!["number"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var form = await reception.GetStringAsync($"/People/Corrections/{person}");
        FormUrlEncodedContent Propose(string reason) => new(new Dictionary<string, string>
        {
            ["Form.CustodyRecordNumber"] = number, ["Form.What"] = "note", ["Form.Value"] = "Handed over at gate 2", ["Form.Reason"] = reason,
            ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(form),
        });

        var noReason = await reception.PostAsync($"/People/Corrections/{person}?handler=Propose", Propose(""));
        var proposed = await reception.PostAsync($"/People/Corrections/{person}?handler=Propose", Propose("Gate was not recorded"));
        var ownList = await reception.GetStringAsync($"/People/Corrections/{person}");
        var list = await director.GetStringAsync($"/People/Corrections/{person}");
        var id = System.Text.RegularExpressions.Regex.Match(list, "data-correction=\"([0-9a-f-]+)\"").Groups[1].Value;
        var approved = await director.PostAsync($"/People/Corrections/{person}?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["correctionId"] = id, ["approve"] = "true", ["__RequestVerificationToken"] = CustodyWebFactory.AntiforgeryToken(list),
        }));
        var after = (await api.GetFromJsonAsync<JsonArray>($"/api/people/{person}/custody"))![^1]!;

        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("reason:", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        // The proposer sees no approve button on their own correction; the second user does.
        Assert.DoesNotContain("class=\"approve\"", ownList, StringComparison.Ordinal);
        Assert.Contains("class=\"approve\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal("Handed over at gate 2", after["note"]!.GetValue<string>());
        Assert.Equal("note", Assert.Single(after["correctedFields"]!.AsArray())!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisterField_CorrectedByTheFacilityAfterApproval_RejectedOnesChangeNothing()
    {
        var person = await HandedOverAsync("CORREG");
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var director = await factory.BearerAsync(Roles.FacilityDirector);
        await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/admission", new { register = FullRegister }));
        var field = Custody.Facilities.Admission.RequiredFields[0];

        var rejected = await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/corrections", new { field, value = "first try", reason = "typo" }));
        var noReason = await director.PostAsJsonAsync($"/api/corrections/{rejected["id"]}/decision", new { approve = false });
        await OkAsync(director.PostAsJsonAsync($"/api/corrections/{rejected["id"]}/decision", new { approve = false, reason = "The register was right" }));
        var proposed = await OkAsync(reception.PostAsJsonAsync($"/api/people/{person}/corrections", new { field, value = "as corrected", reason = "Misread the document" }));
        await OkAsync(director.PostAsJsonAsync($"/api/corrections/{proposed["id"]}/decision", new { approve = true }));
        var notAField = await reception.PostAsJsonAsync($"/api/people/{person}/corrections", new { field = "shoeSize", value = "44", reason = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal($"{field} as recorded", proposed["oldValue"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, notAField.StatusCode);
        using var scope = factory.Services.CreateScope();
        var register = JsonNode.Parse(await scope.ServiceProvider.GetRequiredService<CustodyDbContext>().Admissions.Where(a => a.PersonId == person).Select(a => a.Register).SingleAsync())!;
        Assert.Equal("as corrected", register[field]!["value"]!.GetValue<string>());
        var all = (await reception.GetFromJsonAsync<JsonArray>($"/api/people/{person}/corrections"))!;
        Assert.Equal(["rejected", "approved"], all.Select(c => c!["status"]!.GetValue<string>()));
        await AssertLedgerVerifiesAsync(factory);
    }
}

public sealed class CorrectionApiOnSqliteTests(CustodyWebFactory factory) : CorrectionApiTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class CorrectionApiOnPostgresTests(PostgresWebFactory factory) : CorrectionApiTests(factory), IClassFixture<PostgresWebFactory>;
