using Custody.Agreements;
using Custody.Common;
using Custody.CourtOrders;
using Custody.Facts;
using Custody.People;
using Custody.Screening;
using Custody.Web.Api;
using Custody.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.People;

[Custody.Web.Infrastructure.LogsOwnReads]
public sealed class DetailsModel(GetPerson get, ScreenPerson screen, ReadAgreements agreements, ReadCourtOrders courtOrders,
    ReadFacts facts, Custody.Transfers.ReadCustody custody, ReadPersonNow readNow, IAuthorizationService authorization, TimeProvider time, Custody.Persistence.CustodyDbContext db) : PageModel
{
    /// <summary>The latest reads of this file: when, which view, which roles (counsel never see the reader).</summary>
    public IReadOnlyList<global::Custody.Access.PersonReadView> Reads { get; private set; } = [];

    /// <summary>The custody timeline, oldest first (the page view itself is the ledgered read).</summary>
    public IReadOnlyList<Custody.Transfers.CustodyRecordView> Custody { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "agreement")]
    public string? Agreement { get; set; }

    [BindProperty(SupportsGet = true, Name = "at")]
    public string? At { get; set; }

    /// <summary>The court-order form; destinations typed as codes separated by spaces or commas.</summary>
    public sealed class CourtOrderForm
    {
        public string? Kind { get; set; }
        public string? Court { get; set; }
        public string? Docket { get; set; }
        public string? IssuedAt { get; set; }
        public string? ExpiresAt { get; set; }
        public string? Destinations { get; set; }
        public string? DocumentReference { get; set; }
        public bool Verified { get; set; }
    }

    [BindProperty]
    public CourtOrderForm NewOrder { get; set; } = new();

    /// <summary>The record-a-fact form: which fields count depends on the kind.</summary>
    public sealed class FactForm
    {
        public string? Kind { get; set; }
        public string? Country { get; set; }
        public string? Subkind { get; set; }
        public string? ServedAt { get; set; }
        public bool ServedOnPerson { get; set; }
        public bool ServedOnCounsel { get; set; }
        public string? Language { get; set; }
        public string? Court { get; set; }
        public string? Docket { get; set; }
        public string? Basis { get; set; }
    }

    [BindProperty]
    public FactForm Fact { get; set; } = new();

    public IReadOnlyList<EnteredFactView> EnteredFacts { get; private set; } = [];

    public bool MayRecordFacts { get; private set; }

    public bool MayDecideFacts { get; private set; }

    public bool MayReviewDesignations { get; private set; }

    public IReadOnlyList<DesignationStatus> Designations { get; private set; } = [];

    public async Task<IActionResult> OnPostReviewDesignationAsync(Guid id, string group, [FromServices] ReviewDesignation review, CancellationToken cancellationToken) =>
        await MayAsync(Policies.ReviewDesignations)
            ? await AfterFactAsync(id, await review.HandleAsync(new PersonId(id), new DesignationReviewRequest(group), ApiResults.ViewerOf(User), cancellationToken), "", cancellationToken)
            : Forbid();

    public async Task<IActionResult> OnPostAddEvidenceAsync(Guid id, string group, string? kind, string? source, [FromServices] AddDesignationEvidence add,
        CancellationToken cancellationToken) =>
        await MayAsync(Policies.ReviewDesignations)
            ? await AfterFactAsync(id, await add.HandleAsync(new PersonId(id), new DesignationEvidenceRequest(group, kind, source, null), ApiResults.ViewerOf(User), cancellationToken), "", cancellationToken)
            : Forbid();

    public async Task<IActionResult> OnPostResolveCitizenshipAsync(Guid id, string? country, string? status, string? basis, [FromServices] ResolveCitizenshipClaim resolve,
        CancellationToken cancellationToken) =>
        await MayAsync(Policies.DecideFacts)
            ? await AfterFactAsync(id, await resolve.HandleAsync(new PersonId(id), new CitizenshipClaimRequest(country?.Trim(), status, basis), ApiResults.ViewerOf(User), cancellationToken), "", cancellationToken)
            : Forbid();

    private static readonly string[] ProtectionDecisions = ["granted", "denied", "terminated"];

    private List<string> ServedOn()
    {
        var servedOn = new List<string>();
        if (Fact.ServedOnPerson)
        {
            servedOn.Add("person");
        }
        if (Fact.ServedOnCounsel)
        {
            servedOn.Add("counsel");
        }
        return servedOn;
    }

    /// <summary>The decisions still open for a fact.</summary>
    public IReadOnlyList<string> DecisionsFor(EnteredFactView fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact.Kind switch
        {
            "fearClaims" when fact.Fact["outcome"]?.ToString() == "pending" => ["positive", "negative"],
            "protections" => ProtectionDecisions.Where(s => s != fact.Fact["status"]?.ToString()).ToList(),
            "proceedings" when fact.Fact["status"]?.ToString() == "pending" => ["decided", "withdrawn"],
            _ => [],
        };
    }

    public async Task<IActionResult> OnPostRecordFactAsync(Guid id, [FromServices] RaiseFearClaim raise, [FromServices] RecordNotice notice,
        [FromServices] ReportProtection protection, [FromServices] ReportProceeding proceeding, [FromServices] AssertCitizenshipClaim claim, CancellationToken cancellationToken)
    {
        if (!await MayAsync(Policies.RecordFacts))
        {
            return Forbid();
        }
        var viewer = ApiResults.ViewerOf(User);
        var countries = (Fact.Country ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var person = new PersonId(id);
        var result = Fact.Kind switch
        {
            "fearClaims" => await raise.HandleAsync(person, new RaiseFearClaimRequest(Fact.Country?.Trim(), null), viewer, cancellationToken),
            "notices" => await notice.HandleAsync(person, new RecordNoticeRequest(null, Fact.Country?.Trim(), Fact.ServedAt,
                ServedOn(), Fact.Language?.Trim()), viewer, cancellationToken),
            "protections" => await protection.HandleAsync(person, new ReportProtectionRequest(Fact.Subkind, "pending", countries, null, null, null), viewer, cancellationToken),
            "proceedings" => await proceeding.HandleAsync(person, new ReportProceedingRequest(Fact.Subkind, Fact.Court, Fact.Docket, null), viewer, cancellationToken),
            "citizenshipClaims" => await claim.HandleAsync(person, new CitizenshipClaimRequest(Fact.Country?.Trim(), null, Fact.Basis), viewer, cancellationToken),
            _ => Result<FactOutcome>.Fail(new Invalid([new FieldError("Kind", "Choose a kind of fact.")])),
        };
        return await AfterFactAsync(id, result, "Fact.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDecideFactAsync(Guid id, Guid factId, string? decision, [FromServices] DecideFact decide, CancellationToken cancellationToken)
    {
        if (!await MayAsync(Policies.DecideFacts))
        {
            return Forbid();
        }
        return await AfterFactAsync(id, await decide.HandleAsync(factId, new DecideFactRequest(decision, null), ApiResults.ViewerOf(User), cancellationToken), "", cancellationToken);
    }

    public async Task<IActionResult> OnPostScheduleInterviewAsync(Guid id, Guid factId, string? interviewAt, [FromServices] ScheduleInterview schedule, CancellationToken cancellationToken)
    {
        if (!await MayAsync(Policies.DecideFacts))
        {
            return Forbid();
        }
        return await AfterFactAsync(id, await schedule.HandleAsync(factId, new ScheduleInterviewRequest(interviewAt), ApiResults.ViewerOf(User), cancellationToken), "", cancellationToken);
    }

    private async Task<IActionResult> AfterFactAsync(Guid id, Result<FactOutcome> result, string fieldPrefix, CancellationToken cancellationToken)
    {
        if (result.Value is { } outcome)
        {
            TempData["FactWarnings"] = string.Join('\n', outcome.Warnings);
            return Redirect($"/People/Details/{id}#entered-facts");
        }
        // Opens the record-a-fact form again; the errors themselves are added once, by AfterAsync.
        ViewData["FactFormOpen"] = true;
        return await AfterAsync(id, result.Failure!, fieldPrefix, cancellationToken);
    }

    public ScreeningDecision? Decision { get; private set; }

    /// <summary>What the page leads with: open alerts and the next dates.</summary>
    public PersonNow Now { get; private set; } = new([], []);

    public IReadOnlyList<AgreementSummary> Agreements { get; private set; } = [];

    public PersonDetail? Person { get; private set; }

    public System.Text.Json.Nodes.JsonNode? Aliases => Person?.Facts["names"]?["aliases"];

    public IReadOnlyList<PersonHistoryEntry> History { get; private set; } = [];

    public IReadOnlyList<CourtOrderView> EnteredCourtOrders { get; private set; } = [];

    public bool MayEnterCourtOrders { get; private set; }

    public bool MayDecideCourtOrders { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnterCourtOrderAsync(Guid id, [FromServices] EnterCourtOrder enter, CancellationToken cancellationToken)
    {
        if (!await MayAsync(Policies.EnterCourtOrders))
        {
            return Forbid();
        }
        var destinations = (NewOrder.Destinations ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(d => d.Trim()).ToList();
        var request = new EnterCourtOrderRequest(NewOrder.Kind, NewOrder.Court, NewOrder.Docket, NewOrder.IssuedAt, NewOrder.ExpiresAt, destinations,
            NewOrder.DocumentReference, NewOrder.Verified);
        var result = await enter.HandleAsync(new PersonId(id), request, ApiResults.ViewerOf(User), await MayAsync(Policies.DecideCourtOrders), cancellationToken);
        return await AfterAsync(id, result.Failure, "NewOrder.", cancellationToken);
    }

    public async Task<IActionResult> OnPostVerifyCourtOrderAsync(Guid id, Guid orderId, [FromServices] VerifyCourtOrder verify, CancellationToken cancellationToken)
    {
        if (!await MayAsync(Policies.DecideCourtOrders))
        {
            return Forbid();
        }
        var result = await verify.HandleAsync(orderId, ApiResults.ViewerOf(User), cancellationToken);
        return await AfterAsync(id, result.Failure, "", cancellationToken);
    }

    public async Task<IActionResult> OnPostLiftCourtOrderAsync(Guid id, Guid orderId, string? liftedAt, [FromServices] LiftCourtOrder lift, CancellationToken cancellationToken)
    {
        if (!await MayAsync(Policies.DecideCourtOrders))
        {
            return Forbid();
        }
        var result = await lift.HandleAsync(orderId, new LiftCourtOrderRequest(liftedAt), ApiResults.ViewerOf(User), cancellationToken);
        return await AfterAsync(id, result.Failure, "", cancellationToken);
    }

    // Success: back to the page (post/redirect/get). Failure: the page again with each error on its field.
    private async Task<IActionResult> AfterAsync(Guid id, Failure? failure, string fieldPrefix, CancellationToken cancellationToken)
    {
        if (failure is null)
        {
            return Redirect($"/People/Details/{id}#entered-court-orders");
        }
        if (failure is Invalid invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(fieldPrefix + error.Field, error.Message);
            }
        }
        else if (failure is NotFound)
        {
            return NotFound();
        }
        else
        {
            ModelState.AddModelError(string.Empty, failure.Message);
        }
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> MayAsync(string policy) => (await authorization.AuthorizeAsync(User, policy)).Succeeded;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var viewer = ApiResults.ViewerOf(User);
        var result = await get.RunAsync(id, viewer, "page", cancellationToken);
        if (result.Value is null)
        {
            return false;
        }
        Person = result.Value;
        History = (await get.HistoryAsync(id, viewer, cancellationToken)).Value ?? [];
        Reads = (await global::Custody.Access.PersonReads.OfAsync(db, id, viewer, 50, cancellationToken)).Value ?? [];
        EnteredCourtOrders = (await courtOrders.ListAsync(new PersonId(id), viewer, cancellationToken)).Value ?? [];
        MayEnterCourtOrders = await MayAsync(Policies.EnterCourtOrders);
        MayDecideCourtOrders = await MayAsync(Policies.DecideCourtOrders);
        EnteredFacts = (await facts.ListAsync(new PersonId(id), viewer, cancellationToken)).Value ?? [];
        Custody = (await custody.TimelineAsync(id, viewer, logAccess: false, cancellationToken)).Value ?? [];
        Now = await readNow.ForAsync(id, cancellationToken);
        MayRecordFacts = await MayAsync(Policies.RecordFacts);
        MayDecideFacts = await MayAsync(Policies.DecideFacts);
        MayReviewDesignations = await MayAsync(Policies.ReviewDesignations);
        Designations = (await facts.DesignationsAsync(new PersonId(id), viewer, cancellationToken)).Value ?? [];
        Agreements = await agreements.ListAsync(cancellationToken);
        var query = ScreeningApi.ParseQuery(At, null, null, null, null, time);
        if (query.Failure is Invalid invalid)
        {
            invalid.Errors.ToList().ForEach(e => ModelState.AddModelError(e.Field, e.Message));
        }
        else if (Agreements.Count > 0)
        {
            var decision = await screen.RunAsync(id, Agreement, query.Value.At, viewer, cancellationToken);
            if (decision.Failure is { } failure)
            {
                ModelState.AddModelError("agreement", failure.Message);
            }
            Decision = decision.Value;
        }
        return true;
    }
}
