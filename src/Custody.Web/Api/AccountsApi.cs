using Custody.Access;
using Custody.Common;
using Custody.Web.Auth;

namespace Custody.Web.Api;

/// <summary>
/// Account administration for administrators: every change ledgered, privileged roles granted only
/// when a second administrator approves. New accounts and reset sign-ins answer with the one-time
/// link through which the holder sets their own password.
/// </summary>
public static class AccountsApi
{
    public sealed record CreateAccountRequest(string? Email, string? DisplayName, IReadOnlyList<string>? Roles, string? Reason);

    public sealed record ReasonRequest(string? Reason);

    public sealed record GrantRoleRequest(string? Role, string? Reason);

    /// <summary>An account and its holder's one-time link (a path on this site), valid until <c>ExpiresAt</c>.</summary>
    public sealed record AccountLinkResponse(AccountView Account, string SetPasswordLink, DateTime ExpiresAt);

    public sealed record PendingGrantResponse(Guid Id, string Email, string Role, string Reason, string RequestedBy, DateTime RequestedAt);

    public static void MapAccountsApi(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Policies.AdministerAccounts);
        // Every command, besides the role, needs a sign-in within the last 15 minutes (step-up, ASVS 7.5.1).
        var changes = accounts.MapGroup("").RequireAuthorization(Policies.ChangeAccounts);
        accounts.MapGet("/", async (ReadAccounts read, CancellationToken ct) => TypedResults.Ok(await read.ListAsync(ct)))
            .WithSummary("Every account: its roles, the privileged roles waiting for approval, and whether it is enabled.")
            .Produces<IReadOnlyList<AccountView>>();
        changes.MapPost("/", async (CreateAccountRequest request, CreateAccount create, HttpContext http, CancellationToken ct) =>
                CreatedAnswer<AccountLinkResponse>.From((await create.HandleAsync(request.Email ?? "", request.DisplayName ?? "", request.Roles ?? [], request.Reason ?? "", Actor(http), ct)).Map(Link),
                    link => $"/api/accounts/{Uri.EscapeDataString(link.Account.Email)}"))
            .WithSummary("Create an account. Its privileged roles (court, legal review, transfer supervision, finance, administration) wait for a second administrator's approval. The answer carries the one-time link through which its holder sets their password.");
        changes.MapPost("/{email}/disable", async (string email, ReasonRequest request, DisableAccount disable, HttpContext http, CancellationToken ct) =>
                Answer<AccountView>.From(await disable.HandleAsync(email, request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Disable an account: its sessions and bearer tokens stop working within a minute. The last enabled administrator cannot be disabled.");
        changes.MapPost("/{email}/enable", async (string email, ReasonRequest request, EnableAccount enable, HttpContext http, CancellationToken ct) =>
                Answer<AccountView>.From(await enable.HandleAsync(email, request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Enable a disabled account again.");
        changes.MapPost("/{email}/reset-sign-in", async (string email, ReasonRequest request, ResetSignIn reset, HttpContext http, CancellationToken ct) =>
                Answer<AccountLinkResponse>.From((await reset.HandleAsync(email, request.Reason ?? "", Actor(http), ct)).Map(Link)))
            .WithSummary("Reset an account's sign-in: its password is removed, its sessions and tokens end, and a new one-time link lets its holder set a password.");
        changes.MapPost("/{email}/roles", async (string email, GrantRoleRequest request, GrantRole grant, HttpContext http, CancellationToken ct) =>
                Answer<AccountView>.From(await grant.HandleAsync(email, request.Role ?? "", request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Grant a role. A privileged role is not held yet: it is listed under pending until a second administrator approves it.");
        changes.MapPost("/{email}/roles/{role}/revoke", async (string email, string role, ReasonRequest request, RevokeRole revoke, HttpContext http, CancellationToken ct) =>
                Answer<AccountView>.From(await revoke.HandleAsync(email, role, request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Revoke a role; the account's sessions and tokens carrying it end within a minute.");
        accounts.MapGet("/grant-requests", async (ReadAccounts read, CancellationToken ct) =>
                TypedResults.Ok((await read.PendingGrantsAsync(ct)).Select(p => new PendingGrantResponse(p.Grant.Id, p.Email, p.Grant.Role, p.Grant.Reason, p.Grant.RequestedBy, p.Grant.RequestedAt)).ToList()))
            .WithSummary("The privileged role grants waiting for a second administrator's approval.")
            .Produces<IReadOnlyList<PendingGrantResponse>>();
        changes.MapPost("/grant-requests/{id:guid}/approve", async (Guid id, ApproveRoleGrant approve, HttpContext http, CancellationToken ct) =>
                Answer<AccountView>.From(await approve.HandleAsync(id, Actor(http), ct)))
            .WithSummary("Approve a pending grant: a second administrator, neither the one who asked nor the account's holder (403 otherwise).");
        changes.MapPost("/grant-requests/{id:guid}/reject", async (Guid id, ReasonRequest request, RejectRoleGrant reject, HttpContext http, CancellationToken ct) =>
                Answer<AccountView>.From(await reject.HandleAsync(id, request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Refuse a pending grant, or withdraw one's own request, with a reason.");
    }

    private static string Actor(HttpContext http) => ApiResults.ViewerOf(http.User).Actor;

    private static AccountLinkResponse Link(AccountLink link) => new(link.Account, link.Path, link.ExpiresAt);
}
