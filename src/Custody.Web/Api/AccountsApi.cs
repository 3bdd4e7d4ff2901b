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
        accounts.MapGet("/", async (Accounts store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("Every account: its roles, the privileged roles waiting for approval, and whether it is enabled.")
            .Produces<IReadOnlyList<AccountView>>();
        accounts.MapPost("/", async (CreateAccountRequest request, Accounts store, HttpContext http, CancellationToken ct) =>
                Link(await store.CreateAsync(request.Email ?? "", request.DisplayName ?? "", request.Roles ?? [], request.Reason ?? "", Actor(http), ct), created: true))
            .WithSummary("Create an account. Its privileged roles (court, legal review, transfer supervision, finance, administration) wait for a second administrator's approval. The answer carries the one-time link through which its holder sets their password.")
            .Produces<AccountLinkResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPost("/{email}/disable", async (string email, ReasonRequest request, Accounts store, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await store.DisableAsync(email, request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Disable an account: its sessions and bearer tokens stop working within a minute. The last enabled administrator cannot be disabled.")
            .Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPost("/{email}/enable", async (string email, ReasonRequest request, Accounts store, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await store.EnableAsync(email, request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Enable a disabled account again.")
            .Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPost("/{email}/reset-sign-in", async (string email, ReasonRequest request, Accounts store, HttpContext http, CancellationToken ct) =>
                Link(await store.ResetSignInAsync(email, request.Reason ?? "", Actor(http), ct), created: false))
            .WithSummary("Reset an account's sign-in: its password is removed, its sessions and tokens end, and a new one-time link lets its holder set a password.")
            .Produces<AccountLinkResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/{email}/roles", async (string email, GrantRoleRequest request, Accounts store, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await store.GrantAsync(email, request.Role ?? "", request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Grant a role. A privileged role is not held yet: it is listed under pending until a second administrator approves it.")
            .Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPost("/{email}/roles/{role}/revoke", async (string email, string role, ReasonRequest request, Accounts store, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await store.RevokeAsync(email, role, request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Revoke a role; the account's sessions and tokens carrying it end within a minute.")
            .Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapGet("/grant-requests", async (Accounts store, CancellationToken ct) =>
                TypedResults.Ok((await store.PendingGrantsAsync(ct)).Select(p => new PendingGrantResponse(p.Grant.Id, p.Email, p.Grant.Role, p.Grant.Reason, p.Grant.RequestedBy, p.Grant.RequestedAt)).ToList()))
            .WithSummary("The privileged role grants waiting for a second administrator's approval.")
            .Produces<IReadOnlyList<PendingGrantResponse>>();
        accounts.MapPost("/grant-requests/{id:guid}/approve", async (Guid id, Accounts store, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await store.ApproveAsync(id, Actor(http), ct)))
            .WithSummary("Approve a pending grant: a second administrator, neither the one who asked nor the account's holder (403 otherwise).")
            .Produces<AccountView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapPost("/grant-requests/{id:guid}/reject", async (Guid id, ReasonRequest request, Accounts store, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await store.RejectAsync(id, request.Reason ?? "", Actor(http), ct)))
            .WithSummary("Refuse a pending grant, or withdraw one's own request, with a reason.")
            .Produces<AccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static string Actor(HttpContext http) => ApiResults.ViewerOf(http.User).Actor;

    private static IResult Link(Result<AccountLink> result, bool created) => result.Value is { } link
        ? created
            ? TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(link.Account.Email)}", new AccountLinkResponse(link.Account, link.Path, link.ExpiresAt))
            : TypedResults.Ok(new AccountLinkResponse(link.Account, link.Path, link.ExpiresAt))
        : ApiResults.Problem(result.Failure!);
}
