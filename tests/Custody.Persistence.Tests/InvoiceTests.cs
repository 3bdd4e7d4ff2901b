using Custody.Access;
using Custody.Billing;
using Custody.Common;
using Custody.Facilities;
using Custody.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Custody.Persistence.Tests;

public sealed class InvoiceTests
{
    private static readonly Viewer Payer = new("test:payer", Roles: [Roles.SendingFinanceOfficer]);
    private static readonly Viewer Payee = new("test:payee", Roles: [Roles.ReceivingFinanceOfficer]);
    private static readonly Viewer Court = new("test:court", Roles: [Roles.CourtUser]);

    /// <summary>An independent monitor (an inspector account): the only one whose checks make days payable.</summary>
    private static readonly Viewer Monitor = new("test:icrc", Roles: [Roles.Inspector]);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task WelfareChecks_ByFacilityStaff_Late_OrWithoutIdentityConfirmed_MakeNoDayPayable_TheMonitorsDo(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var (db, people) = await RegisterTests.AdmittedAsync(database, time, 4);
        await using var owned = db;
        var welfare = new RecordWelfareCheck(db, time);
        time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero));
        var director = new Viewer("test:director", Roles: [Roles.FacilityDirector]);
        // The payee's own staff, whatever the request would say: kept, shown, never payable.
        var staff = (await welfare.HandleAsync(new PersonId(people[0]), new WelfareCheckRequest("Warden", null, "well", false, null, "verified-identifier"), director)).Value!;
        // A monitor's check made five days before it is recorded: kept, marked late, not payable.
        var late = (await welfare.HandleAsync(new PersonId(people[1]), new WelfareCheckRequest("ICRC delegate", "2026-03-05T15:00:00Z", "well", true, null, "verified-identifier"), Monitor)).Value!;
        var unconfirmed = (await welfare.HandleAsync(new PersonId(people[2]), new WelfareCheckRequest("ICRC delegate", null, "well", true, null), Monitor)).Value!;
        var payable = (await welfare.HandleAsync(new PersonId(people[3]), new WelfareCheckRequest("ICRC delegate", "2026-03-08T15:00:00Z", "well", true, null, "biometric-match"), Monitor)).Value!;
        time.SetUtcNow(new DateTimeOffset(2026, 4, 2, 12, 0, 0, TimeSpan.Zero));

        var draft = (await new DraftInvoice(db).RunAsync("us-sv-2025", "2026-03")).Value!;

        Assert.Equal((WelfareCheck.FacilityStaff, false, false), (staff.Role, staff.Late, staff.Payable));
        Assert.Equal((WelfareCheck.IndependentMonitor, true, false), (late.Role, late.Late, late.Payable));
        Assert.False(unconfirmed.Payable);
        Assert.Equal((WelfareCheck.IndependentMonitor, false, true), (payable.Role, payable.Late, payable.Payable));
        var days = draft.Lines.ToDictionary(l => l.PersonId, l => l.PayableDays);
        Assert.Equal(0, days.GetValueOrDefault(people[0]));
        Assert.Equal(0, days.GetValueOrDefault(people[1]));
        Assert.Equal(0, days.GetValueOrDefault(people[2]));
        Assert.Equal(24, days[people[3]]); // 8–31 March: the check on the 8th covers the rest of the month
        // The line names the check that made its days payable.
        Assert.Equal([payable.Id], draft.Lines.Single(l => l.PersonId == people[3]).WelfareChecks);
        Assert.Equal(4, await db.WelfareChecks.CountAsync());
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AMonthWithAWelfareGapAndAHold_DraftsExactly_IssuesOnce_AndVerifies(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        // Handed over and admitted at 09:00 UTC on 1 March (03:00 in El Salvador): counted from 2 March.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var (db, people) = await RegisterTests.AdmittedAsync(database, time, 1);
        await using var owned = db;
        time.SetUtcNow(new DateTimeOffset(2026, 3, 5, 15, 0, 0, TimeSpan.Zero));
        Assert.True((await new RecordWelfareCheck(db, time).HandleAsync(new PersonId(people[0]), new WelfareCheckRequest("ICRC delegate", null, "well", true, null, "verified-identifier"), Monitor)).Succeeded);
        var hold = await new PlacePaymentHold(db, time).HandleAsync(new PlaceHoldRequest("us-sv-2025", new PersonId(people[0]), "2026-03-20", "Production order unanswered"), Payer);
        Assert.True(hold.Succeeded, hold.Failure?.Message);
        Assert.True((await new LiftPaymentHold(db, time).HandleAsync(hold.Value!.Id, new LiftHoldRequest("2026-03-25"), Payer)).Succeeded);

        var issue = new IssueInvoice(db, time);
        var early = await issue.HandleAsync(new IssueInvoiceRequest("us-sv-2025", "2026-03"), Payee);
        time.SetUtcNow(new DateTimeOffset(2026, 4, 2, 12, 0, 0, TimeSpan.Zero));
        var draft = (await new DraftInvoice(db).RunAsync("us-sv-2025", "2026-03")).Value!;

        Assert.IsType<StateConflict>(early.Failure);
        var line = Assert.Single(draft.Lines);
        Assert.Equal("USD", line.Currency);
        Assert.Equal(22, line.PayableDays); // 30 days (2–31 March) less 3 before the first check and 5 held
        Assert.Equal(3, line.WithheldDays[PersonDays.NoRecentWelfareCheck]);
        Assert.Equal(5, line.WithheldDays[PersonDays.PaymentHold(hold.Value.Id)]);
        Assert.Equal(1205.38m, draft.Total);
        var issued = await issue.HandleAsync(new IssueInvoiceRequest("us-sv-2025", "2026-03"), Payee);
        Assert.True(issued.Succeeded, issued.Failure?.Message);
        Assert.Equal("us-sv-2025-2026-03", issued.Value!.Number);
        Assert.Equal(1205.38m, issued.Value.Total);
        Assert.IsType<StateConflict>((await issue.HandleAsync(new IssueInvoiceRequest("us-sv-2025", "2026-03"), Payee)).Failure);
        Assert.Equal(1205.38m, (await db.Invoices.AsNoTracking().SingleAsync()).Total);
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
        Assert.IsType<Invalid>((await new DraftInvoice(db).RunAsync("us-sv-2025", "March")).Failure);

        // Disputes, a credit note and a payment settle it; the invoice itself never changes.
        var (resolve, pay) = (new ResolveDispute(db, time), new RecordPayment(db, time));
        var dispute = (await new RaiseDispute(db, time).HandleAsync(issued.Value.Id, new RaiseDisputeRequest("R-00", "Two days held by a court order"), new Viewer("test:payer"))).Value!;
        Assert.IsType<StateConflict>((await resolve.HandleAsync(dispute.Id, new ResolveDisputeRequest(true, "ok", "109.58"), new Viewer("test:payer"))).Failure);
        Assert.IsType<Invalid>((await resolve.HandleAsync(dispute.Id, new ResolveDisputeRequest(true, "too much", "5000.00"), Court)).Failure);
        Assert.True((await resolve.HandleAsync(dispute.Id, new ResolveDisputeRequest(true, "Upheld: two days", "109.58"), Court)).Succeeded);
        Assert.IsType<StateConflict>((await pay.HandleAsync(issued.Value.Id, new RecordPaymentRequest("1200.00", "2026-04-02", "SWIFT 1"), Payer)).Failure);
        // Dollars are counted in cents: a fraction of a cent is refused, naming the field.
        var fraction = Assert.IsType<Invalid>((await pay.HandleAsync(issued.Value.Id, new RecordPaymentRequest("10.005", "2026-04-02", "SWIFT 0"), Payer)).Failure);
        Assert.Equal("amount", Assert.Single(fraction.Errors).Field);
        Assert.True((await pay.HandleAsync(issued.Value.Id, new RecordPaymentRequest("1000.00", "2026-04-02", "SWIFT 1"), Payer)).Succeeded);
        var balance = (await new ReadBalances(db).BalanceAsync("us-sv-2025")).Value!;
        Assert.Equal(1205.38m, balance.Invoiced);
        Assert.Equal(109.58m, balance.Credited);
        Assert.Equal(1000.00m, balance.Paid);
        Assert.Equal(95.80m, balance.Outstanding);
        Assert.Equal("us-sv-2025-2026-03-CN1", (await db.CreditNotes.AsNoTracking().SingleAsync()).Number);
        var reconciliation = (await new Reconcile(db).MonthAsync("us-sv-2025", "2026-03")).Value!;
        Assert.Equal(30, reconciliation.InvoicedDays);
        Assert.Equal(30, reconciliation.RegisterDays);
        Assert.Equal(0, reconciliation.Difference);
        Assert.Equal(1, reconciliation.PeopleHeld);
        Assert.Equal(1, reconciliation.HandedOverInMonth);
        var summary = (await new Reconcile(db).SummaryAsync("us-sv-2025")).Value!;
        Assert.Equal((1, 1, 22, 8, 5), (summary.Invoices, summary.PeopleHeld, summary.PayableDays, summary.WithheldDays, summary.WithheldByReason["payment-hold"]));
        Assert.Equal(95.80m, summary.Outstanding);
        var spend = await new Reconcile(db).SpendAsync("us-sv-2025", 6_000_000m);
        Assert.Equal(1095.80m, Assert.Single(spend).Cumulative);
        Assert.Equal(1205.38m, (await db.Invoices.AsNoTracking().SingleAsync()).Total);
        Assert.True((await new VerifyLedger(db).RunAsync()).Ok);
    }
}
