using Custody.Common;

namespace Custody.Billing;

/// <summary>
/// Spend against the agreement's funding ceiling (the one its invoice drafts carry), month by month: the one computation behind
/// the spend chart, its table on the invoices page and the API, so the three cannot disagree.
/// </summary>
public sealed class ReadSpend(DraftInvoice draft, Reconcile reconcile) : IUseCase
{
    public async Task<Result<IReadOnlyList<SpendPoint>>> RunAsync(string agreementId, CancellationToken cancellationToken = default)
    {
        var ceiling = await draft.CeilingAsync(agreementId, cancellationToken);
        if (ceiling.Failure is { } failure)
        {
            return failure;
        }
        return Result<IReadOnlyList<SpendPoint>>.Ok(await reconcile.SpendAsync(agreementId, ceiling.Value, cancellationToken));
    }
}
