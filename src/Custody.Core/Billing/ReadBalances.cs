using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Billing;

public sealed record InvoiceBalance(Guid InvoiceId, string Number, string Month, decimal Total, decimal Credited, decimal Paid, decimal Outstanding, int OpenDisputes);

public sealed record AgreementBalance(string AgreementId, string Currency, decimal Invoiced, decimal Credited, decimal Paid, decimal Outstanding, IReadOnlyList<InvoiceBalance> Invoices);

/// <summary>
/// What is owed under an agreement: per issued invoice and in all, invoiced − credited − paid, with
/// the disputes not settled yet. Computed from the invoices, credit notes and payments as recorded,
/// never stored, so it cannot drift from them.
/// </summary>
public sealed class ReadBalances(CustodyDbContext db) : IUseCase
{
    public async Task<Result<AgreementBalance>> BalanceAsync(string agreementId, CancellationToken cancellationToken = default)
    {
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.AgreementId == agreementId).OrderBy(i => i.Month).ToListAsync(cancellationToken);
        if (invoices.Count == 0 && !await db.Agreements.AnyAsync(a => a.Id == agreementId, cancellationToken))
        {
            return new NotFound($"No agreement {agreementId}.");
        }
        var balances = new List<InvoiceBalance>();
        foreach (var invoice in invoices)
        {
            balances.Add((await InvoiceAmounts.BalanceOfAsync(db, invoice.Id, cancellationToken))!);
        }
        return new AgreementBalance(agreementId, invoices.FirstOrDefault()?.Currency ?? "", balances.Sum(b => b.Total), balances.Sum(b => b.Credited),
            balances.Sum(b => b.Paid), balances.Sum(b => b.Outstanding), balances);
    }
}
