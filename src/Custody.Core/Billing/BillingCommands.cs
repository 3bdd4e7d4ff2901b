using System.Globalization;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>A payment hold from a date (YYYY-MM-DD) for one person or, without personId, everyone under the agreement.</summary>
public sealed record PlaceHoldRequest(string? AgreementId, Guid? PersonId, string? From, string? Reason);

/// <summary>The first date no longer held (YYYY-MM-DD).</summary>
public sealed record LiftHoldRequest(string? LiftedOn);

/// <summary>
/// Payment holds and invoice issue. An issued invoice is the draft at that moment, numbered and
/// stored with its lines; nothing changes it afterwards (corrections are credit notes). One invoice
/// per agreement and month: a second issue is a conflict.
/// </summary>
public sealed class BillingCommands(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<PaymentHoldView>> PlaceHoldAsync(PlaceHoldRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        if (!DateOnly.TryParseExact(r.From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            errors.Add(new FieldError("from", "The first date held, YYYY-MM-DD."));
        }
        TransferInput.Require(errors, "reason", r.Reason, 1000);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<PaymentHoldView>(db, time, async work =>
        {
            if (!await db.Agreements.AnyAsync(a => a.Id == r.AgreementId, cancellationToken))
            {
                return new NotFound($"No agreement {r.AgreementId}.");
            }
            if (r.PersonId is { } person && !await db.People.AnyAsync(p => p.Id == person, cancellationToken))
            {
                return new NotFound($"No person {person} in the register.");
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new PaymentHoldPlaced(id, r.AgreementId!, from, r.Reason!.Trim(), r.PersonId), viewer.Actor);
            return PaymentHoldView.Of(work.Store.Find<PaymentHold>(id)!);
        }, cancellationToken);
    }

    public async Task<Result<PaymentHoldView>> LiftHoldAsync(Guid holdId, LiftHoldRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!DateOnly.TryParseExact(r.LiftedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var liftedOn))
        {
            return new Invalid([new FieldError("liftedOn", "The first date no longer held, YYYY-MM-DD.")]);
        }
        return await UnitOfWork.RunAsync<PaymentHoldView>(db, time, async work =>
        {
            var hold = await db.PaymentHolds.SingleOrDefaultAsync(h => h.Id == holdId, cancellationToken);
            if (hold is null)
            {
                return new NotFound($"No payment hold {holdId}.");
            }
            if (hold.LiftedOn is { } lifted)
            {
                return new StateConflict($"The hold was lifted from {lifted:yyyy-MM-dd}.", hold);
            }
            if (liftedOn <= hold.From)
            {
                return new Invalid([new FieldError("liftedOn", "A hold is lifted after the date it starts.")]);
            }
            work.Record(new PaymentHoldLifted(holdId, hold.AgreementId, liftedOn), viewer.Actor);
            return PaymentHoldView.Of(hold);
        }, cancellationToken);
    }

    /// <summary>Issues the month's invoice: the draft as computed inside the unit of work, numbered AGREEMENT-YYYY-MM.</summary>
    public async Task<Result<InvoiceView>> IssueAsync(string agreementId, string? month, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        ArgumentNullException.ThrowIfNull(viewer);
        return await UnitOfWork.RunAsync<InvoiceView>(db, time, async work =>
        {
            var draft = await new DraftInvoice(db).RunAsync(agreementId, month, cancellationToken);
            if (draft.Failure is { } failure)
            {
                return failure;
            }
            var d = draft.Value!;
            if (await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.AgreementId == agreementId && i.Month == d.Month, cancellationToken) is { } issued)
            {
                return new StateConflict($"Invoice {issued.Number} was issued for {d.Month}; issued invoices never change (use a credit note).", issued.Number);
            }
            var first = DraftInvoice.TryMonth(d.Month, out var year, out var number) ? new DateOnly(year, number, 1) : default;
            if (first.AddMonths(1) > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            {
                return new StateConflict($"{d.Month} is not over yet; its invoice is issued once the month has ended.", d.Month);
            }
            var document = new IssuedDocument(d.Lines.Select(l => new IssuedLine(l.PersonId, l.ExternalId, l.Version, l.Rate, l.PayableDays, l.WithheldDays, l.Amount, l.Currency, l.WelfareChecks)).ToList(),
                d.WithheldByReason, d.PaidBefore);
            work.Record(new InvoiceIssued(Guid.CreateVersion7(time.GetUtcNow()), $"{agreementId}-{d.Month}", agreementId, d.Month, d.Currency, d.Total, d.PayableDays,
                d.WithheldByReason.Values.Sum(), document), viewer.Actor);
            return InvoiceView.Of(db.Invoices.Local.Single(i => i.AgreementId == agreementId && i.Month == d.Month));
        }, cancellationToken);
    }
}
