using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

/// <summary>What is issued: the agreement and the calendar month (YYYY-MM).</summary>
public sealed record IssueInvoiceRequest(string? AgreementId, string? Month);

/// <summary>
/// Issues the month's invoice once the month is over: the draft as computed inside the unit of work,
/// numbered AGREEMENT-YYYY-MM and stored with its lines. Nothing changes it afterwards (corrections
/// are credit notes), so what the payer checks is what was issued; one invoice per agreement and
/// month: a second issue is a conflict.
/// </summary>
public sealed class IssueInvoice(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<InvoiceView>> HandleAsync(IssueInvoiceRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (FinanceSides.BothSides(viewer) is { } both)
        {
            return both;
        }
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var agreementId = request.AgreementId ?? "";
        return await UnitOfWork.RunAsync<InvoiceView>(db, time, async work =>
        {
            var draft = await new DraftInvoice(db).RunAsync(agreementId, request.Month, cancellationToken);
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
