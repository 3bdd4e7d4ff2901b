using Custody.Access;
using Custody.Common;
using Custody.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Accounts;

/// <summary>One account: disable or enable it, reset its sign-in (a new one-time link), grant and revoke roles. Every change asks why.</summary>
public sealed class AccountModel(ReadAccounts read, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    public AccountView? Account { get; private set; }

    /// <summary>The new one-time link after a reset, shown once.</summary>
    public AccountLink? Link { get; private set; }

    private string Me => ApiResults.ViewerOf(User).Actor;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostDisableAsync(string? reason, [FromServices] DisableAccount disable, CancellationToken cancellationToken) =>
        RunAsync(async () => (await disable.HandleAsync(Email, reason ?? "", Me, cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string? reason, [FromServices] EnableAccount enable, CancellationToken cancellationToken) =>
        RunAsync(async () => (await enable.HandleAsync(Email, reason ?? "", Me, cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostGrantAsync(string? role, string? reason, [FromServices] GrantRole grant, CancellationToken cancellationToken) =>
        RunAsync(async () => (await grant.HandleAsync(Email, role ?? "", reason ?? "", Me, cancellationToken)).Failure, cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(string? role, string? reason, [FromServices] RevokeRole revoke, CancellationToken cancellationToken) =>
        RunAsync(async () => (await revoke.HandleAsync(Email, role ?? "", reason ?? "", Me, cancellationToken)).Failure, cancellationToken);

    public async Task<IActionResult> OnPostResetAsync(string? reason, [FromServices] ResetSignIn resetSignIn, CancellationToken cancellationToken)
    {
        var reset = await resetSignIn.HandleAsync(Email, reason ?? "", Me, cancellationToken);
        if (reset.Failure is Custody.Common.NotFound)
        {
            return NotFound();
        }
        if (reset.Failure is { } failure)
        {
            PageErrors.Add(this, failure);
        }
        Link = reset.Value;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Task<IActionResult> RunAsync(Func<Task<Failure?>> command, CancellationToken cancellationToken) =>
        PageCommand.RunAsync(this, authorization, Auth.Policies.AdministerAccounts, command, "/Accounts/Account?email=" + Uri.EscapeDataString(Email),
            () => LoadAsync(cancellationToken));

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Account = await read.FindAsync(Email, cancellationToken);
        return Account is not null;
    }
}
