using System.Globalization;
using Custody.Common;

namespace Custody.Billing;

/// <summary>
/// Spend against the funding ceiling in force this month, month by month: the one computation behind
/// the spend chart, its table on the invoices page and the API, so the three cannot disagree.
/// </summary>
public sealed class ReadSpend(DraftInvoice draft, Reconcile reconcile, TimeProvider time) : IUseCase
{
    public async Task<Result<IReadOnlyList<SpendPoint>>> RunAsync(string agreementId, CancellationToken cancellationToken = default)
    {
        var current = await draft.RunAsync(agreementId, time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture), cancellationToken);
        if (current.Failure is { } failure)
        {
            return failure;
        }
        return Result<IReadOnlyList<SpendPoint>>.Ok(await reconcile.SpendAsync(agreementId, current.Value!.Ceiling, cancellationToken));
    }
}
