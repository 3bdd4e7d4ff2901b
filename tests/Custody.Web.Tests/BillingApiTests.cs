using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

public abstract class BillingApiTests(CustodyWebFactory factory)
{
    [Fact]
    public async Task IssuedInvoice_CannotBeChangedThroughAnyEndpoint()
    {
        var finance = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);
        var lastMonth = DateTimeOffset.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var issued = await finance.PostAsJsonAsync("/api/invoices", new { agreementId = "us-sv-2025", month = lastMonth });
        var invoice = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        var again = await finance.PostAsJsonAsync("/api/invoices", new { agreementId = "us-sv-2025", month = lastMonth });
        var thisMonth = await finance.PostAsJsonAsync("/api/invoices", new { agreementId = "us-sv-2025", month = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal($"us-sv-2025-{lastMonth}", invoice["number"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, thisMonth.StatusCode);
        var stored = (await (await factory.BearerAsync(Roles.Auditor)).GetFromJsonAsync<JsonObject>($"/api/invoices/{invoice["id"]}"))!;
        Assert.Equal(invoice["document"]!.GetValue<string>(), stored["document"]!.GetValue<string>());
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Post })
        {
            var response = await finance.SendAsync(new HttpRequestMessage(method, $"/api/invoices/{invoice["id"]}") { Content = JsonContent.Create(new { total = "0" }) });
            Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method}: {response.StatusCode}");
        }
        foreach (var (format, magic) in new[] { ("csv", "person,"u8.ToArray()), ("xlsx", "PK"u8.ToArray()), ("pdf", "%PDF"u8.ToArray()) })
        {
            var export = await finance.GetAsync($"/api/invoices/{invoice["id"]}.{format}");
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal(magic, (await export.Content.ReadAsByteArrayAsync())[..magic.Length]);
            var draftExport = await finance.GetAsync($"/api/invoices/draft.{format}?agreement=us-sv-2025&month={lastMonth}");
            Assert.Equal(magic, (await draftExport.Content.ReadAsByteArrayAsync())[..magic.Length]);
        }
        // The only writes under /api/invoices are the issue, disputes and payments, each its own record: the invoice stays as issued.
        var payer = await factory.BearerAsync(Roles.SendingFinanceOfficer);
        var dispute = await payer.PostAsJsonAsync($"/api/invoices/{invoice["id"]}/disputes", new { reason = "Check the month" });
        Assert.Equal(HttpStatusCode.OK, dispute.StatusCode);
        var after = (await finance.GetFromJsonAsync<JsonObject>($"/api/invoices/{invoice["id"]}"))!;
        Assert.Equal(stored.ToJsonString(), after.ToJsonString());
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").Contains("invoices", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m != "GET") == true)
            .Select(e => e.RoutePattern.RawText!.TrimEnd('/')).ToList();
        Assert.Equal(["/api/invoices", "/api/invoices/{id:guid}/disputes", "/api/invoices/{id:guid}/payments"], endpoints.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Draft_ValidatesTheMonth_AndOnlyFinanceAuditorsAndCourtsReadIt()
    {
        var finance = await factory.BearerAsync(Roles.ReceivingFinanceOfficer);
        var escort = await factory.BearerAsync(Roles.EscortOfficer);
        var bad = await finance.GetAsync("/api/invoices/draft?agreement=us-sv-2025&month=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["month"]);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync("/api/invoices/draft?agreement=nope&month=2026-03")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await escort.GetAsync("/api/invoices/draft?agreement=us-sv-2025&month=2026-03")).StatusCode);
        var court = await factory.BearerAsync(Roles.CourtUser);
        var hold = await court.PostAsJsonAsync("/api/payment-holds", new { agreementId = "us-sv-2025", from = "2026-03-01", reason = "Production order unanswered" });
        Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await court.PostAsJsonAsync("/api/payment-holds", new { agreementId = "us-sv-2025", from = "March" })).StatusCode);
    }

    [Fact]
    public async Task Spend_IsDrawnAgainstTheCeilingEveryDraftCarries_AndRefusesAnUnknownAgreement()
    {
        var finance = await factory.BearerAsync(Roles.SendingFinanceOfficer);

        var draft = (await finance.GetFromJsonAsync<JsonObject>("/api/invoices/draft?agreement=us-sv-2025&month=2026-03"))!;
        var spend = (await finance.GetFromJsonAsync<JsonArray>("/api/invoices/spend?agreement=us-sv-2025"))!;

        Assert.NotNull(draft["ceiling"]);
        Assert.NotEmpty(spend); // the demo's issued invoice
        Assert.All(spend, point => Assert.Equal(draft["ceiling"]!.GetValue<decimal>(), point!["ceiling"]!.GetValue<decimal>()));
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync("/api/invoices/spend?agreement=nope")).StatusCode);
    }

    [Fact]
    public async Task InvoicesPage_InSpanish_ShowsTheDraftAndTheSpendChart()
    {
        var finance = await factory.SignedInAsync(Roles.ReceivingFinanceOfficer);
        await finance.GetAsync("/language/es?returnUrl=/");

        var page = await finance.GetStringAsync("/Invoices?agreement=us-sv-2025&month=2026-03");
        var chart = await finance.GetAsync("/api/invoices/spend.svg?agreement=us-sv-2025");

        Assert.Contains("Borrador 2026-03", page, StringComparison.Ordinal);
        Assert.Contains("Días pagaderos", page, StringComparison.Ordinal);
        Assert.Contains("Emitir la factura", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Contains("<svg", await chart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var escort = await factory.SignedInAsync(Roles.EscortOfficer);
        Assert.NotEqual(HttpStatusCode.OK, (await escort.GetAsync("/Invoices")).StatusCode);
    }
}

public sealed class BillingApiOnSqliteTests(CustodyWebFactory factory) : BillingApiTests(factory), IClassFixture<CustodyWebFactory>;

public sealed class BillingApiOnPostgresTests(PostgresWebFactory factory) : BillingApiTests(factory), IClassFixture<PostgresWebFactory>;
