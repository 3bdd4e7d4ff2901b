using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>
/// The two sides of the money: the sending state's finance officer pays and disputes, the receiving
/// state's issues and answers; a dispute is settled by the payer accepting the payee's answer, or by a
/// court — never by one side alone, and never by whoever raised it.
/// </summary>
public sealed class FinanceSidesTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    private static readonly string LastMonth = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> InvoiceAsync()
    {
        var payee = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);
        var issued = await payee.PostAsJsonAsync("/api/invoices", new { agreementId = "us-sv-2025", month = LastMonth });
        if (issued.StatusCode == HttpStatusCode.Created)
        {
            return (await issued.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        }
        var all = (await payee.GetFromJsonAsync<JsonArray>("/api/invoices?agreement=us-sv-2025"))!;
        return all.Single(i => i!["month"]!.GetValue<string>() == LastMonth)!["id"]!.GetValue<string>();
    }

    private static async Task<JsonObject> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Dispute_SettledOnlyByTheAnswerAndThePayersAcceptance_EachSideItsOwnSteps()
    {
        var invoice = await InvoiceAsync();
        var payer = await factory.BearerAsync(Roles.SendingFinanceOfficer);
        var payee = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);
        var court = await factory.BearerAsync(Roles.CourtUser);

        Assert.Equal(HttpStatusCode.Forbidden, (await payee.PostAsJsonAsync($"/api/invoices/{invoice}/disputes", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await payee.PostAsJsonAsync($"/api/invoices/{invoice}/payments", new { amount = "1.00", paidOn = "2026-01-01", reference = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await payer.PostAsJsonAsync("/api/invoices", new { agreementId = "us-sv-2025", month = LastMonth })).StatusCode);
        var dispute = (await OkAsync(payer.PostAsJsonAsync($"/api/invoices/{invoice}/disputes", new { reason = "Days held under a stay" })))["id"]!.GetValue<string>();

        // Neither side settles it alone.
        Assert.Equal(HttpStatusCode.Forbidden, (await payer.PostAsJsonAsync($"/api/disputes/{dispute}/answer", new { upheld = true, answer = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await payer.PostAsJsonAsync($"/api/disputes/{dispute}/resolution", new { upheld = true, resolution = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await payee.PostAsJsonAsync($"/api/disputes/{dispute}/resolution", new { upheld = false, resolution = "no" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await payer.PostAsJsonAsync($"/api/disputes/{dispute}/acceptance", new { accepted = true })).StatusCode);
        var answered = await OkAsync(payee.PostAsJsonAsync($"/api/disputes/{dispute}/answer", new { upheld = false, answer = "The days were vouched by the monitor" }));
        Assert.Equal("answered", answered["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await payee.PostAsJsonAsync($"/api/disputes/{dispute}/acceptance", new { accepted = true })).StatusCode);
        var noReason = await payer.PostAsJsonAsync($"/api/disputes/{dispute}/acceptance", new { accepted = false });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var contested = await OkAsync(payer.PostAsJsonAsync($"/api/disputes/{dispute}/acceptance", new { accepted = false, reason = "The stay was served on the facility" }));
        Assert.Equal("contested", contested["status"]!.GetValue<string>());
        // Answered or contested, a dispute is not settled: the balance still counts it open.
        var balance = (await payer.GetFromJsonAsync<JsonObject>("/api/agreements/us-sv-2025/balance"))!;
        Assert.True(balance["invoices"]!.AsArray().Single(i => i!["invoiceId"]!.GetValue<string>() == invoice)!["openDisputes"]!.GetValue<int>() >= 1);
        await OkAsync(payee.PostAsJsonAsync($"/api/disputes/{dispute}/answer", new { upheld = true, answer = "Agreed: those days are not owed" }));
        var settled = await OkAsync(payer.PostAsJsonAsync($"/api/disputes/{dispute}/acceptance", new { accepted = true }));

        Assert.Equal("upheld", settled["status"]!.GetValue<string>());
        Assert.Equal("user:" + Custody.Web.Infrastructure.DemoSeeder.EmailFor(Roles.SendingFinanceOfficer), settled["resolvedBy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await court.PostAsJsonAsync($"/api/disputes/{dispute}/resolution", new { upheld = false, resolution = "late" })).StatusCode);
        await TransferScenario.AssertLedgerVerifiesAsync(factory);
    }

    [Fact]
    public async Task Dispute_TheSidesDoNotSettle_ACourtDoes()
    {
        var invoice = await InvoiceAsync();
        var payer = await factory.BearerAsync(Roles.SendingFinanceOfficer);
        var payee = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);
        var court = await factory.BearerAsync(Roles.CourtUser);
        var dispute = (await OkAsync(payer.PostAsJsonAsync($"/api/invoices/{invoice}/disputes", new { reason = "Whole month disputed" })))["id"]!.GetValue<string>();
        await OkAsync(payee.PostAsJsonAsync($"/api/disputes/{dispute}/answer", new { upheld = false, answer = "Owed" }));
        await OkAsync(payer.PostAsJsonAsync($"/api/disputes/{dispute}/acceptance", new { accepted = false, reason = "Not owed" }));

        var decided = await OkAsync(court.PostAsJsonAsync($"/api/disputes/{dispute}/resolution", new { upheld = false, resolution = "Owed: the welfare checks vouch for every day" }));

        Assert.Equal("rejected", decided["status"]!.GetValue<string>());
        Assert.StartsWith("user:court-user", decided["resolvedBy"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

/// <summary>An account that holds both finance roles (granted outside Custody) is refused on either side.</summary>
public sealed class FinanceBothSidesTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public async Task AccountWithBothFinanceRoles_IsRefusedOnEitherSide()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CustodyUser>>();
            var user = await users.FindByEmailAsync(Custody.Web.Infrastructure.DemoSeeder.EmailFor(Roles.SendingFinanceOfficer));
            // As one SQL grant would: the ledger never recorded it (and verification names it).
            await users.AddToRoleAsync(user!, Roles.ReceivingFinanceOfficer);
        }
        var both = await factory.BearerAsync(Roles.SendingFinanceOfficer);
        var lastMonth = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var issue = await both.PostAsJsonAsync("/api/invoices", new { agreementId = "us-sv-2025", month = lastMonth });
        var hold = await both.PostAsJsonAsync("/api/payment-holds", new { agreementId = "us-sv-2025", from = "2026-01-01", reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, issue.StatusCode);
        Assert.Contains("both sides of the money", await issue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, hold.StatusCode);
        await using var db = factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustodyDbContext>();
        var verification = await new Custody.Ledger.VerifyLedger(db).RunAsync();
        Assert.Equal("AspNetUserRoles", verification.Table);
    }
}

/// <summary>Reconciliation counts midnights from the admissions, apart from the invoice function, and names who differs.</summary>
public sealed class ReconciliationTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public async Task Reconciliation_CountsAdmissionMidnightsIndependently_AndNamesThePersonAwaitingAdmissionForANight()
    {
        var person = Custody.Demo.EligiblePerson.Create(TransferScenario.Unique("REC"), "Reo", "Reconcile");
        var ids = await TransferScenario.ImportAsync(factory, person);
        var handedOverAt = DateTimeOffset.UtcNow.AddDays(-3);
        using (var scope = factory.Services.CreateScope())
        {
            await Custody.Demo.DemoMovement.HandOverAsync(scope.ServiceProvider.GetRequiredService<CustodyDbContext>(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(handedOverAt),
                "us-sv-2025", "us-processing-centre", "sv-cecot", [(ids[0], person["id"]!.GetValue<string>())]);
        }
        var reception = await factory.BearerAsync(Roles.ReceptionOfficer);
        var fields = Custody.Facilities.Admission.RequiredFields.ToDictionary(f => f, f => (object)new { value = $"{f} as recorded" });
        // Admitted a day after the hand-over: one midnight in custody that no admission covers.
        (await reception.PostAsJsonAsync($"/api/people/{ids[0]}/admission", new
        {
            register = fields, admittedAt = handedOverAt.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        })).EnsureSuccessStatusCode();
        var finance = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);
        var months = new[] { handedOverAt, DateTimeOffset.UtcNow }.Select(t => t.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).Distinct();

        int registerDays = 0, admitted = 0;
        foreach (var month in months)
        {
            var reconciliation = (await finance.GetFromJsonAsync<JsonObject>($"/api/invoices/reconciliation?agreement=us-sv-2025&month={month}"))!;
            var row = reconciliation["differences"]!.AsArray().SingleOrDefault(d => d!["externalId"]!.GetValue<string>() == person["id"]!.GetValue<string>());
            registerDays += row?["registerDays"]!.GetValue<int>() ?? 0;
            admitted += row?["admissionDays"]!.GetValue<int>() ?? 0;
            Assert.True(reconciliation["admissionDays"]!.GetValue<int>() >= 0);
        }

        Assert.Equal(1, registerDays - admitted);
    }
}
