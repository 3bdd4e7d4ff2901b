using Custody.Access;
using Custody.Common;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Accounts;

/// <summary>
/// The administrators' list of accounts: create one (its holder sets a password through the link
/// shown once), and approve or refuse the privileged grants another administrator asked for.
/// </summary>
public sealed class IndexModel(ReadAccounts read, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<AccountView> All { get; private set; } = [];

    public IReadOnlyList<(PendingGrant Grant, string Email)> Pending { get; private set; } = [];

    /// <summary>The one-time link of the account just created, shown once.</summary>
    public AccountLink? Created { get; private set; }

    /// <summary>This administrator's ledger name: they may not approve their own requests.</summary>
    public string Me => ApiResults.ViewerOf(User).Actor;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? email, string? displayName, string[]? roles, string? reason, [FromServices] CreateAccount create, CancellationToken cancellationToken)
    {
        var created = await create.HandleAsync(email ?? "", displayName ?? "", roles ?? [], reason ?? "", Me, cancellationToken);
        if (created.Failure is { } failure)
        {
            PageErrors.Add(this, failure);
        }
        Created = created.Value;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, [FromServices] ApproveRoleGrant approve, CancellationToken cancellationToken) =>
        RunAsync(async () => (await approve.HandleAsync(id, Me, cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, [FromServices] RejectRoleGrant reject, CancellationToken cancellationToken) =>
        RunAsync(async () => (await reject.HandleAsync(id, reason ?? "", Me, cancellationToken)).Failure, cancellationToken);

    private Task<IActionResult> RunAsync(Func<Task<Failure?>> command, CancellationToken cancellationToken) =>
        PageCommand.RunAsync(this, authorization, Auth.Policies.AdministerAccounts, command, "/Accounts", async () =>
        {
            await LoadAsync(cancellationToken);
            return true;
        });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        All = await read.ListAsync(cancellationToken);
        Pending = await read.PendingGrantsAsync(cancellationToken);
    }
}
