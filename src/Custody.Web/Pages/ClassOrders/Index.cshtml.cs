using System.Text.Json;
using System.Text.Json.Nodes;
using Custody.Common;
using Custody.People;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.ClassOrders;

public sealed class IndexModel(ReadClassOrders read, Custody.CourtOrders.ReadCourtOrders courtOrders, IAuthorizationService authorization) : PageModel
{
    /// <summary>The form's fields; lists are codes separated by spaces or commas, left empty when not stated.</summary>
    public sealed class ClassOrderForm
    {
        public string? Id { get; set; }
        public string? Court { get; set; }
        public string? Docket { get; set; }
        public string? Description { get; set; }
        public string? IssuedAt { get; set; }
        public string? ExpiresAt { get; set; }
        public string? Destinations { get; set; }
        public string? Nationalities { get; set; }
        public string? RemovalAuthorities { get; set; }
        public bool ThirdCountryOnly { get; set; }
    }

    [BindProperty]
    public ClassOrderForm Form { get; set; } = new();

    public IReadOnlyList<ClassOrderView> Orders { get; private set; } = [];

    /// <summary>Bundle copies that differ from a court's record: for legal review.</summary>
    public IReadOnlyList<ClassOrderConflictView> Conflicts { get; private set; } = [];

    /// <summary>Bundle copies that differ from a court order entered in Custody: for legal review too.</summary>
    public IReadOnlyList<Custody.CourtOrders.CourtOrderCopyView> CourtOrderConflicts { get; private set; } = [];

    public bool MayDecide { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostEnterAsync([FromServices] EnterClassOrder enter, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.DecideCourtOrders)).Succeeded)
        {
            return Forbid();
        }
        var order = new JsonObject { ["id"] = Form.Id?.Trim(), ["court"] = Form.Court?.Trim(), ["description"] = Form.Description?.Trim(), ["issuedAt"] = Form.IssuedAt?.Trim() };
        AddText(order, "docket", Form.Docket);
        AddText(order, "expiresAt", Form.ExpiresAt);
        AddList(order, "destinations", Form.Destinations);
        AddList(order, "nationalities", Form.Nationalities);
        AddList(order, "removalAuthorities", Form.RemovalAuthorities);
        if (Form.ThirdCountryOnly)
        {
            order["thirdCountryOnly"] = true;
        }
        var result = await enter.HandleAsync(JsonSerializer.SerializeToElement(order), ApiResults.ViewerOf(User), cancellationToken);
        return await AfterAsync(result.Failure, cancellationToken);
    }

    public async Task<IActionResult> OnPostLiftAsync(string id, [FromServices] LiftClassOrder lift, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.DecideCourtOrders)).Succeeded)
        {
            return Forbid();
        }
        var result = await lift.HandleAsync(id, new LiftClassOrderRequest(null), ApiResults.ViewerOf(User), cancellationToken);
        return await AfterAsync(result.Failure, cancellationToken);
    }

    public async Task<IActionResult> OnPostVerifyAsync(string id, [FromServices] VerifyClassOrder verify, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.DecideCourtOrders)).Succeeded)
        {
            return Forbid();
        }
        var result = await verify.HandleAsync(id, ApiResults.ViewerOf(User), cancellationToken);
        return await AfterAsync(result.Failure, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Failure? failure, CancellationToken cancellationToken)
    {
        if (failure is null)
        {
            return RedirectToPage();
        }
        PageErrors.Add(this, failure);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Orders = await read.ListAsync(cancellationToken);
        Conflicts = await read.ConflictsAsync(cancellationToken);
        MayDecide = (await authorization.AuthorizeAsync(User, Policies.DecideCourtOrders)).Succeeded;
        // Court orders name people: only courts and legal reviewers see the list (counsel see their clients' on the person page).
        CourtOrderConflicts = MayDecide ? await courtOrders.ConflictsAsync(cancellationToken) : [];
    }

    private static void AddText(JsonObject order, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            order[name] = value.Trim();
        }
    }

    private static void AddList(JsonObject order, string name, string? value)
    {
        var items = (value ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        if (items.Length > 0)
        {
            order[name] = new JsonArray(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
        }
    }
}
