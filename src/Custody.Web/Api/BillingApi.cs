using Custody.Billing;
using Custody.Common;
using Custody.Persistence;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Api;

/// <summary>Invoices: drafts recomputed from the register, issue (numbered, immutable), payment holds.</summary>
public static class BillingApi
{
    private static async Task<FileAnswer> ExportAsync(object shows, Reports.InvoiceExport.Sheet sheet, string format, string name, Func<string, string> text, CancellationToken ct) => format switch
    {
        "csv" => FileAnswer.Of(Results.File(await Reports.InvoiceExport.CsvAsync(sheet, text, ct), ContentTypes.Csv, name + ".csv"), shows),
        "xlsx" => FileAnswer.Of(Results.File(Reports.InvoiceExport.Xlsx(sheet, text), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"), shows),
        _ => FileAnswer.Of(Results.File(Reports.InvoiceExport.Pdf(sheet, text), "application/pdf", name + ".pdf"), shows),
    };

    public static void MapBillingApi(this IEndpointRouteBuilder api)
    {
        var invoices = api.MapGroup("/invoices").WithTags("Invoices");
        invoices.MapGet("/draft", async (string agreement, string month, DraftInvoice draft, CancellationToken ct) => Answer<InvoiceDraft>.From(await draft.RunAsync(agreement, month, ct)))
            .RequireAuthorization(Policies.ReadFinance).AsHeavy()
            .WithSummary("The month's invoice as the rules compute it now: a line per person and rate with payable and withheld days (no-recent-welfare-check, " +
                "payment-hold:<id>, over-ceiling) and the amount, exact decimals rounded half away from zero per line.");
        invoices.MapGet("/draft.{format:regex(^(csv|xlsx|pdf)$)}", async (string format, string agreement, string month, DraftInvoice draft, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
            {
                var result = await draft.RunAsync(agreement, month, ct);
                return result.Value is { } d ? await ExportAsync(d, Reports.InvoiceExport.Of(d), format, $"invoice-{agreement}-{month}-draft", localizer.Words(), ct) : FileAnswer.Fail(result.Failure!);
            })
            .RequireAuthorization(Policies.ReadFinance).AsHeavy()
            .WithSummary("The draft as CSV, XLSX or PDF.")
            .ProducesFile("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf");
        invoices.MapGet("/{id:guid}.{format:regex(^(csv|xlsx|pdf)$)}", async (Guid id, string format, CustodyDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
                await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is { } invoice
                    ? await ExportAsync(InvoiceView.Of(invoice), Reports.InvoiceExport.Of(invoice), format, invoice.Number, localizer.Words(), ct) : FileAnswer.Fail(new NotFound($"No invoice {id}.")))
            .RequireAuthorization(Policies.ReadFinance)
            .WithSummary("An issued invoice, as issued, as CSV, XLSX or PDF.")
            .ProducesFile("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf");
        invoices.MapPost("/", async (IssueInvoiceRequest request, IssueInvoice issue, HttpContext http, CancellationToken ct) =>
                CreatedAnswer<InvoiceView>.From(await issue.HandleAsync(request, ApiResults.ViewerOf(http.User), ct), invoice => $"/api/invoices/{invoice.Id}"))
            .RequireAuthorization(Policies.IssueInvoices)
            .WithSummary("Issue a month's invoice once the month is over: numbered, stored as computed, never changed afterwards (409 for a second issue).");
        invoices.MapGet("/", async (string? agreement, CustodyDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await db.Invoices.AsNoTracking().Where(i => agreement == null || i.AgreementId == agreement).OrderByDescending(i => i.Month).ToListAsync(ct)).Select(InvoiceView.Of).ToList()))
            .RequireAuthorization(Policies.ReadFinance)
            .WithSummary("Issued invoices, newest month first.");
        invoices.MapGet("/{id:guid}", async (Guid id, CustodyDbContext db, CancellationToken ct) =>
                Found<InvoiceView>.From(await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is { } invoice ? InvoiceView.Of(invoice) : null, $"No invoice {id}."))
            .RequireAuthorization(Policies.ReadFinance)
            .WithSummary("An issued invoice with its lines as issued.");

        invoices.MapPost("/{id:guid}/disputes", async (Guid id, RaiseDisputeRequest request, RaiseDispute raise, HttpContext http, CancellationToken ct) =>
                Answer<DisputeView>.From(await raise.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.PayInvoices)
            .WithSummary("The payer disputes a line (externalId) or the whole invoice; the invoice itself never changes.");
        api.MapPost("/disputes/{id:guid}/answer", async (Guid id, AnswerDisputeRequest request, AnswerDispute answer, HttpContext http, CancellationToken ct) =>
                Answer<DisputeView>.From(await answer.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Invoices").RequireAuthorization(Policies.IssueInvoices)
            .WithSummary("The payee answers an open or contested dispute: upheld (offering creditAmount) or rejected, and why. Nothing is settled until the payer accepts.");
        api.MapPost("/disputes/{id:guid}/acceptance", async (Guid id, AnswerResponseRequest request, RespondToDisputeAnswer respond, HttpContext http, CancellationToken ct) =>
                Answer<DisputeView>.From(await respond.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Invoices").RequireAuthorization(Policies.PayInvoices)
            .WithSummary("The payer accepts the answer (the dispute is settled as answered; an upheld answer's credit becomes a credit note) or rejects it with a reason (contested: another answer, or a court).");
        api.MapPost("/disputes/{id:guid}/resolution", async (Guid id, ResolveDisputeRequest request, ResolveDispute resolve, HttpContext http, CancellationToken ct) =>
                Answer<DisputeView>.From(await resolve.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .WithTags("Invoices").RequireAuthorization(Policies.DecideDisputes)
            .WithSummary("A court settles a dispute the two sides did not: upheld with creditAmount issues a credit note referencing the invoice.");
        invoices.MapPost("/{id:guid}/payments", async (Guid id, RecordPaymentRequest request, RecordPayment record, HttpContext http, CancellationToken ct) =>
                Answer<PaymentView>.From(await record.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.PayInvoices)
            .WithSummary("Record a payment received against the invoice (never more than is outstanding).");
        api.MapGet("/agreements/{agreementId}/balance", async (string agreementId, ReadBalances read, CancellationToken ct) =>
                Found<AgreementBalance>.From(await read.BalanceAsync(agreementId, ct)))
            .WithTags("Invoices").RequireAuthorization(Policies.ReadFinance)
            .WithSummary("The agreement's balance: invoiced, credited, paid and outstanding, per invoice.");

        invoices.MapGet("/reconciliation", async (string agreement, string month, Reconcile reconcile, CancellationToken ct) =>
                Answer<MonthReconciliation>.From(await reconcile.MonthAsync(agreement, month, ct)))
            .RequireAuthorization(Policies.ReadFinance).AsHeavy()
            .WithSummary("A month reconciled: person-days invoiced vs the register's midnight counts now vs people handed over; people held, amounts, withheld by reason.");
        invoices.MapGet("/spend", async (string agreement, ReadSpend spend, CancellationToken ct) => Answer<IReadOnlyList<SpendPoint>>.From(await spend.RunAsync(agreement, ct)))
            .RequireAuthorization(Policies.ReadFinance)
            .WithSummary("Spend against the funding ceiling, month by month (issued invoices less credit notes).");

        invoices.MapGet("/summary", async (string agreement, Reconcile reconcile, CancellationToken ct) => Found<BillingSummary>.From(await reconcile.SummaryAsync(agreement, ct)))
            .RequireAuthorization(Policies.ReadFinance)
            .WithSummary("The Congressional-style summary over issued invoices: people held, person-days, amounts, withheld by reason, credits, payments, outstanding.");
        invoices.MapGet("/spend.svg", async (string agreement, ReadSpend spend, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, CancellationToken ct) =>
            {
                var points = (await spend.RunAsync(agreement, ct)).Value ?? [];
                return FileAnswer.NamingNoOne(Results.Text(Reports.OccupancyCharts.Spend(points, localizer["{0}: spend against the ceiling", agreement].Value, localizer.Words()), ContentTypes.Svg));
            })
            .RequireAuthorization(Policies.ReadFinance)
            .WithSummary("Spend against the funding ceiling over time, as SVG.")
            .ProducesFile("image/svg+xml");

        var holds = api.MapGroup("/payment-holds").WithTags("Invoices");
        holds.MapPost("/", async (PlaceHoldRequest request, PlacePaymentHold place, HttpContext http, CancellationToken ct) =>
                Answer<PaymentHoldView>.From(await place.HandleAsync(request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.HoldPayments)
            .WithSummary("Place a payment hold from a date, for a person or everyone under the agreement: the days it covers are withheld.");
        holds.MapPost("/{id:guid}/lift", async (Guid id, LiftHoldRequest request, LiftPaymentHold lift, HttpContext http, CancellationToken ct) =>
                Answer<PaymentHoldView>.From(await lift.HandleAsync(id, request, ApiResults.ViewerOf(http.User), ct)))
            .RequireAuthorization(Policies.HoldPayments)
            .WithSummary("Lift a hold from a date (the first date no longer held).");
        holds.MapGet("/", async (string? agreement, CustodyDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await db.PaymentHolds.AsNoTracking().Where(h => agreement == null || h.AgreementId == agreement).OrderByDescending(h => h.From).ToListAsync(ct)).Select(PaymentHoldView.Of).ToList()))
            .RequireAuthorization(Policies.ReadFinance)
            .WithSummary("Payment holds, newest first.");
    }
}
