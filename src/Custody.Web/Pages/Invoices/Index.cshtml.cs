using Custody.Billing;
using Custody.Common;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custody.Web.Pages.Invoices;

/// <summary>
/// Invoices of an agreement: the month's draft as the rules compute it now, the reconciliation,
/// issue, the issued invoices with their balance, disputes and payments, holds, and spend against the ceiling.
/// </summary>
public sealed class IndexModel(DraftInvoice drafts, ReadBalances balances, Reconcile reconcile, ReadSpend spend, Persistence.CustodyDbContext db,
    IAuthorizationService authorization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Agreement { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public IReadOnlyList<string> Agreements { get; private set; } = [];

    public InvoiceDraft? Draft { get; private set; }

    public MonthReconciliation? Reconciliation { get; private set; }

    public AgreementBalance? Balance { get; private set; }

    public IReadOnlyList<PaymentHold> Holds { get; private set; } = [];

    /// <summary>The spend chart's figures, for the table beside it.</summary>
    public IReadOnlyList<SpendPoint> Spend { get; private set; } = [];

    public IReadOnlyList<Dispute> OpenDisputes { get; private set; } = [];

    public bool MayIssue { get; private set; }

    public bool MayHold { get; private set; }

    /// <summary>The sending side: pays, disputes, accepts or rejects answers.</summary>
    public bool MayPay { get; private set; }

    /// <summary>A court: settles what the two sides did not.</summary>
    public bool MayDecide { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostIssueAsync([FromServices] IssueInvoice issue, CancellationToken cancellationToken) =>
        RunAsync(Policies.IssueInvoices, async () => (await issue.HandleAsync(new IssueInvoiceRequest(Agreement, Month), ApiResults.ViewerOf(User), cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostHoldAsync(Guid? personId, string? from, string? reason, [FromServices] PlacePaymentHold place, CancellationToken cancellationToken) =>
        RunAsync(Policies.HoldPayments, async () => (await place.HandleAsync(new PlaceHoldRequest(Agreement, personId is { } person ? new PersonId(person) : null, from, reason),
            ApiResults.ViewerOf(User), cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostLiftAsync(Guid holdId, string? liftedOn, [FromServices] LiftPaymentHold lift, CancellationToken cancellationToken) =>
        RunAsync(Policies.HoldPayments, async () => (await lift.HandleAsync(holdId, new LiftHoldRequest(liftedOn), ApiResults.ViewerOf(User), cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostDisputeAsync(Guid invoiceId, string? externalId, string? reason, [FromServices] RaiseDispute raise, CancellationToken cancellationToken) =>
        RunAsync(Policies.PayInvoices, async () => (await raise.HandleAsync(invoiceId,
            new RaiseDisputeRequest(string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim(), reason), ApiResults.ViewerOf(User), cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(Guid disputeId, bool upheld, string? answer, string? creditAmount, [FromServices] AnswerDispute answering, CancellationToken cancellationToken) =>
        RunAsync(Policies.IssueInvoices, async () => (await answering.HandleAsync(disputeId, new AnswerDisputeRequest(upheld, answer, creditAmount),
            ApiResults.ViewerOf(User), cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostAcceptanceAsync(Guid disputeId, bool accepted, string? reason, [FromServices] RespondToDisputeAnswer respond, CancellationToken cancellationToken) =>
        RunAsync(Policies.PayInvoices, async () => (await respond.HandleAsync(disputeId, new AnswerResponseRequest(accepted, reason),
            ApiResults.ViewerOf(User), cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(Guid disputeId, bool upheld, string? resolution, string? creditAmount, [FromServices] ResolveDispute resolve, CancellationToken cancellationToken) =>
        RunAsync(Policies.DecideDisputes, async () => (await resolve.HandleAsync(disputeId, new ResolveDisputeRequest(upheld, resolution, creditAmount),
            ApiResults.ViewerOf(User), cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostPaymentAsync(Guid invoiceId, string? amount, string? paidOn, string? reference, [FromServices] RecordPayment record, CancellationToken cancellationToken) =>
        RunAsync(Policies.PayInvoices, async () => (await record.HandleAsync(invoiceId, new RecordPaymentRequest(amount, paidOn, reference),
            ApiResults.ViewerOf(User), cancellationToken)).Failure, cancellationToken);

    private async Task<IActionResult> RunAsync(string policy, Func<Task<Failure?>> command, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, policy)).Succeeded)
        {
            return Forbid();
        }
        if (await command() is not { } failure)
        {
            return RedirectToPage(new { agreement = Agreement, month = Month });
        }
        PageErrors.Add(this, failure);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Agreements = await db.Agreements.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        Agreement ??= Agreements.Count > 0 ? Agreements[0] : null;
        Month ??= time.GetUtcNow().AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        MayIssue = (await authorization.AuthorizeAsync(User, Policies.IssueInvoices)).Succeeded;
        MayHold = (await authorization.AuthorizeAsync(User, Policies.HoldPayments)).Succeeded;
        MayPay = (await authorization.AuthorizeAsync(User, Policies.PayInvoices)).Succeeded;
        MayDecide = (await authorization.AuthorizeAsync(User, Policies.DecideDisputes)).Succeeded;
        if (Agreement is null)
        {
            return;
        }
        var draft = await drafts.RunAsync(Agreement, Month, cancellationToken);
        if (draft.Failure is { } failure)
        {
            PageErrors.Add(this, failure);
            return;
        }
        Draft = draft.Value;
        Reconciliation = (await reconcile.MonthAsync(Agreement, Month, cancellationToken)).Value;
        Balance = (await balances.BalanceAsync(Agreement, cancellationToken)).Value;
        Spend = (await spend.RunAsync(Agreement, cancellationToken)).Value ?? [];
        Holds = await db.PaymentHolds.AsNoTracking().Where(h => h.AgreementId == Agreement).OrderByDescending(h => h.From).ToListAsync(cancellationToken);
        var invoiceIds = Balance?.Invoices.Select(i => i.InvoiceId).ToList() ?? [];
        OpenDisputes = await db.Disputes.AsNoTracking().Where(d => invoiceIds.Contains(d.InvoiceId) && Dispute.Unsettled.Contains(d.Status)).ToListAsync(cancellationToken);
    }
}
