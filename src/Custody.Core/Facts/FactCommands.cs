using System.Text.Json;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facts;

public sealed record EnteredFactView(Guid Id, Guid PersonId, string Kind, JsonObject Fact, string EnteredBy, DateTime EnteredAt, string? UpdatedBy, int Revision)
{
    public static EnteredFactView Of(EnteredFact f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Id, f.PersonId, f.Kind, f.FactObject(), f.EnteredBy, f.EnteredAt, f.UpdatedBy, f.Revision);
    }
}

/// <summary>What a command did, with anything a careful officer should know but that does not stop it.</summary>
public sealed record FactOutcome(EnteredFactView Fact, IReadOnlyList<string> Warnings);

public sealed record RaiseFearClaimRequest(string? Country, string? RaisedAt);

public sealed record ScheduleInterviewRequest(string? InterviewAt);

public sealed record RecordNoticeRequest(string? Kind, string? Country, string? ServedAt, IReadOnlyList<string>? ServedOn, string? Language);

public sealed record ReportProtectionRequest(string? Kind, string? Status, IReadOnlyList<string>? Countries, string? EffectiveFrom, string? EffectiveUntil, string? Source);

public sealed record ReportProceedingRequest(string? Kind, string? Court, string? Docket, string? FiledOn);

public sealed record CitizenshipClaimRequest(string? Country, string? Status, string? Basis);

public sealed record DesignationEvidenceRequest(string? Group, string? Kind, string? Source, string? Date);

public sealed record DesignationReviewRequest(string? Group);

/// <summary>A designation as screening sees it, whether it is validated, and what it lacks if not.</summary>
public sealed record DesignationStatus(string Group, bool Validated, IReadOnlyList<string> Missing, IReadOnlyList<string> Evidence, IReadOnlyList<string> Reviewers, string Source);

/// <summary>The decision on a fact: a fear claim's outcome (positive, negative), a protection's status (granted, denied, terminated), a proceeding's (decided, withdrawn).</summary>
public sealed record DecideFactRequest(string? Decision, string? DecidedAt);

/// <summary>
/// Keeps a person's legal facts current between bundles: fear claims raised, interviews scheduled
/// and decided; third-country notices served; protections and proceedings reported and decided.
/// Each is validated against the case-bundle format for its kind plus the rules it cannot state,
/// then ledgered in one transaction; screening counts it from that commit on.
/// </summary>
public sealed class FactCommands(CustodyDbContext db, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<EnteredFactView>>> ListAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var facts = await db.EnteredFacts.AsNoTracking().Where(f => f.PersonId == personId).OrderBy(f => f.EnteredAt).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<EnteredFactView>>.Ok(facts.Select(EnteredFactView.Of).ToList());
    }

    public Task<Result<FactOutcome>> RaiseFearClaimAsync(Guid personId, RaiseFearClaimRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Instants.ReadPast(request.RaisedAt, time.GetUtcNow(), "raisedAt", out var raisedAt) is { } error)
        {
            return Task.FromResult(Result<FactOutcome>.Fail(new Invalid([error])));
        }
        var fact = new JsonObject { ["country"] = request.Country, ["raisedAt"] = Instants.ToText(Instants.Utc(raisedAt)), ["outcome"] = "pending" };
        return EnterAsync(personId, "fearClaims", fact, viewer, (_, _) => [], cancellationToken);
    }

    public Task<Result<FactOutcome>> RecordNoticeAsync(Guid personId, RecordNoticeRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ServedAt))
        {
            return Invalid("servedAt", "When the notice was served, RFC 3339 with its offset.");
        }
        if (Instants.ReadPast(request.ServedAt, time.GetUtcNow(), "servedAt", out var servedAt) is { } error)
        {
            return Task.FromResult(Result<FactOutcome>.Fail(new Invalid([error])));
        }
        var fact = new JsonObject
        {
            ["kind"] = request.Kind ?? "third-country-removal",
            ["country"] = request.Country,
            ["servedAt"] = Instants.ToText(Instants.Utc(servedAt)),
            ["servedOn"] = Codes(request.ServedOn),
            ["language"] = request.Language,
        };
        return EnterAsync(personId, "notices", fact, viewer, (person, warnings) =>
        {
            // A notice the person cannot read is no notice: refused, not merely warned about.
            if (request.Language is { } language && !person.Languages.Contains(language))
            {
                return [new FieldError("language", $"The person does not speak \"{language}\" (speaks {string.Join(", ", person.Languages)}); serve the notice in a language the person speaks.")];
            }
            if (person.HasCounselOfRecord && !(request.ServedOn ?? []).Contains("counsel"))
            {
                warnings.Add("The person has counsel of record who was not served; screening treats the notice as defective until counsel is served.");
            }
            return [];
        }, cancellationToken);
    }

    public Task<Result<FactOutcome>> ReportProtectionAsync(Guid personId, ReportProtectionRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fact = new JsonObject { ["kind"] = request.Kind, ["status"] = request.Status ?? "pending", ["countries"] = Codes(request.Countries) };
        Optional(fact, "effectiveFrom", request.EffectiveFrom);
        Optional(fact, "effectiveUntil", request.EffectiveUntil);
        Optional(fact, "source", request.Source);
        // Checked after the schema, so both dates, when given, are valid ones.
        return EnterAsync(personId, "protections", fact, viewer, (_, _) =>
            Instants.EndsAfterStart(fact["effectiveFrom"]?.GetValue<string>(), fact["effectiveUntil"]?.GetValue<string>())
                ? []
                : [new FieldError("effectiveUntil", "effectiveUntil must be after effectiveFrom.")], cancellationToken);
    }

    public Task<Result<FactOutcome>> ReportProceedingAsync(Guid personId, ReportProceedingRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fact = new JsonObject { ["kind"] = request.Kind, ["status"] = "pending" };
        Optional(fact, "court", request.Court);
        Optional(fact, "docket", request.Docket);
        Optional(fact, "filedOn", request.FiledOn);
        return EnterAsync(personId, "proceedings", fact, viewer, (_, _) => [], cancellationToken);
    }

    /// <summary>Sets the interview of a pending fear claim; warns when the notice is shorter than the agreement's fearInterviewNoticeHours.</summary>
    public async Task<Result<FactOutcome>> ScheduleInterviewAsync(Guid factId, ScheduleInterviewRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Instants.TryParseRfc3339(request.InterviewAt?.Trim(), out var interviewAt))
        {
            return new Invalid([new FieldError("interviewAt", "When the interview will be held, RFC 3339 with its offset.")]);
        }
        var now = time.GetUtcNow();
        var warnings = new List<string>();
        return await UpdateAsync(factId, "fearClaims", "interview-scheduled", viewer, async fact =>
        {
            if (fact["outcome"]!.GetValue<string>() != "pending")
            {
                return new Conflict($"The fear claim is already decided ({fact["outcome"]}); no interview to schedule.");
            }
            var country = fact["country"]!.GetValue<string>();
            if (await NoticeHoursAsync(country, now, cancellationToken) is { } hours && interviewAt - now < TimeSpan.FromHours(hours))
            {
                warnings.Add($"The interview is {(interviewAt - now).TotalHours:F0} hours away; the agreement for {country} asks for at least {hours} hours' notice.");
            }
            return null;
        }, new JsonChanges(new JsonObject { ["interviewAt"] = Instants.ToText(Instants.Utc(interviewAt)) }, []), warnings, cancellationToken);
    }

    /// <summary>Decides a fact; a decision once taken is not taken again (409).</summary>
    public async Task<Result<FactOutcome>> DecideAsync(Guid factId, DecideFactRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Instants.ReadPast(request.DecidedAt, time.GetUtcNow(), "decidedAt", out var decidedAt) is { } error)
        {
            return new Invalid([error]);
        }
        var fact = await db.EnteredFacts.AsNoTracking().SingleOrDefaultAsync(f => f.Id == factId, cancellationToken);
        if (fact is null)
        {
            return new NotFound($"No fact {factId}.");
        }
        var (field, allowed, open) = fact.Kind switch
        {
            "fearClaims" => ("outcome", new[] { "positive", "negative" }, "pending"),
            "protections" => ("status", new[] { "granted", "denied", "terminated" }, (string?)null),
            "proceedings" => ("status", new[] { "decided", "withdrawn" }, "pending"),
            _ => ("", Array.Empty<string>(), null),
        };
        if (allowed.Length == 0)
        {
            return new Conflict($"A {fact.Kind} fact is not decided.");
        }
        if (request.Decision is null || !allowed.Contains(request.Decision))
        {
            return new Invalid([new FieldError("decision", $"One of: {string.Join(", ", allowed)}.")]);
        }
        var set = new JsonObject { [field] = request.Decision };
        if (fact.Kind == "fearClaims")
        {
            set["decidedAt"] = Instants.ToText(Instants.Utc(decidedAt));
        }
        return await UpdateAsync(factId, fact.Kind, "decided", viewer, current =>
        {
            var status = current[field]!.GetValue<string>();
            Failure? refusal = (open is not null && status != open) || status == request.Decision
                ? new Conflict($"Already {status}.")
                : null;
            return Task.FromResult(refusal);
        }, new JsonChanges(set, []), [], cancellationToken);
    }

    /// <summary>Records a claim to citizenship of a country (asserted: it blocks until resolved). One per country.</summary>
    public async Task<Result<FactOutcome>> AssertCitizenshipClaimAsync(Guid personId, CitizenshipClaimRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await EnteredAsync(personId, "citizenshipClaims", f => f["country"]?.GetValue<string>() == request.Country, cancellationToken) is not null)
        {
            return new Conflict($"A claim to citizenship of {request.Country} is already on record; resolve it instead.");
        }
        var fact = new JsonObject { ["country"] = request.Country, ["status"] = "asserted", ["recordedAt"] = Instants.ToText(Instants.Now(time)) };
        Optional(fact, "basis", request.Basis);
        return await EnterAsync(personId, "citizenshipClaims", fact, viewer, (_, _) => [], cancellationToken);
    }

    /// <summary>Resolves an asserted claim (from the bundle or recorded here) as verified or rejected; the resolution supersedes the bundle's claims for that country.</summary>
    public async Task<Result<FactOutcome>> ResolveCitizenshipClaimAsync(Guid personId, CitizenshipClaimRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status is not ("verified" or "rejected"))
        {
            return new Invalid([new FieldError("status", "Either verified or rejected.")]);
        }
        var entered = await EnteredAsync(personId, "citizenshipClaims", f => f["country"]?.GetValue<string>() == request.Country, cancellationToken);
        if (entered is not null)
        {
            var set = new JsonObject { ["status"] = request.Status };
            Optional(set, "basis", request.Basis);
            return await UpdateAsync(entered.Id, "citizenshipClaims", "resolved", viewer, fact => Task.FromResult<Failure?>(
                fact["status"]!.GetValue<string>() == "asserted" ? null : new Conflict($"The claim was already resolved as {fact["status"]}.")),
                new JsonChanges(set, []), [], cancellationToken);
        }
        var fact = new JsonObject { ["country"] = request.Country, ["status"] = request.Status, ["recordedAt"] = Instants.ToText(Instants.Now(time)) };
        Optional(fact, "basis", request.Basis);
        return await EnterAsync(personId, "citizenshipClaims", fact, viewer, (person, _) =>
            person.CitizenshipClaims.Any(c => c.Country == request.Country && c.Status == "asserted")
                ? []
                : [new FieldError("country", $"No asserted claim to citizenship of {request.Country} to resolve.")], cancellationToken);
    }

    /// <summary>Adds evidence to a designation; the first change in Custody copies the bundle's designation for the group, which it then supersedes.</summary>
    public Task<Result<FactOutcome>> AddDesignationEvidenceAsync(Guid personId, DesignationEvidenceRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var evidence = new JsonObject { ["kind"] = request.Kind };
        Optional(evidence, "source", request.Source);
        Optional(evidence, "date", request.Date);
        var itemErrors = FormatSchemas.Validate(FormatSchemas.Fact("designations"),
            JsonSerializer.SerializeToElement(new JsonObject { ["group"] = request.Group ?? "", ["evidence"] = new JsonArray(evidence.DeepClone()), ["reviewers"] = new JsonArray() }))
            .Select(e => e with { Field = e.Field.Replace("/evidence/0/", "", StringComparison.Ordinal).TrimStart('/') }).ToList();
        if (itemErrors.Count > 0)
        {
            return Task.FromResult(Result<FactOutcome>.Fail(new Invalid(itemErrors)));
        }
        return ChangeDesignationAsync(personId, request.Group!, "evidence-added", viewer,
            designation => { designation["evidence"]!.AsArray().Add(evidence); return null; }, cancellationToken);
    }

    /// <summary>Records the viewer's review of a designation; the same user cannot review twice, so a second review is always someone else's.</summary>
    public Task<Result<FactOutcome>> ReviewDesignationAsync(Guid personId, DesignationReviewRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrWhiteSpace(request.Group))
        {
            return Task.FromResult(Result<FactOutcome>.Fail(new Invalid([new FieldError("group", "The group whose designation is reviewed.")])));
        }
        return ChangeDesignationAsync(personId, request.Group, "reviewed", viewer, designation =>
        {
            var reviewers = designation["reviewers"]!.AsArray();
            if (reviewers.Any(r => r!.GetValue<string>() == viewer.Actor))
            {
                return new Conflict("You have already reviewed this designation; a second review must be by a different user.");
            }
            reviewers.Add(viewer.Actor);
            return null;
        }, cancellationToken);
    }

    /// <summary>Every designation as screening sees it (the bundle's, or Custody's where it supersedes them), validated or not, and why.</summary>
    public async Task<Result<IReadOnlyList<DesignationStatus>>> DesignationsAsync(Guid personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var person = await viewer.FindPersonAsync(db, personId, cancellationToken);
        if (person is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var entered = await db.EnteredFacts.AsNoTracking().Where(f => f.PersonId == personId && f.Kind == "designations").ToListAsync(cancellationToken);
        var facts = PersonFacts.Parse(person.Facts).WithEnteredFacts(entered);
        return Result<IReadOnlyList<DesignationStatus>>.Ok(facts.Designations.Select(d =>
        {
            var missing = new List<string>();
            if (d.Reviewers.Distinct(StringComparer.Ordinal).Count() < 2)
            {
                missing.Add("a second reviewer");
            }
            if (!d.Evidence.Any(e => e.Kind is "conviction-for-gang-offense" or "court-finding"))
            {
                missing.Add("evidence that validates: a conviction for a gang offence or a court finding (tattoos, clothing, hand signs, associates, social media and informants only corroborate)");
            }
            return new DesignationStatus(d.Group, d.IsValidated, missing, d.Evidence.Select(e => e.Kind).ToList(), d.Reviewers, d.Ref ?? "");
        }).ToList());
    }

    private async Task<Result<FactOutcome>> ChangeDesignationAsync(Guid personId, string group, string action, Viewer viewer,
        Func<JsonObject, Failure?> change, CancellationToken cancellationToken)
    {
        var entered = await EnteredAsync(personId, "designations", f => f["group"]?.GetValue<string>() == group, cancellationToken);
        if (entered is not null)
        {
            JsonChanges? changes = null;
            var result = await UpdateAsync(entered.Id, "designations", action, viewer, fact =>
            {
                var failure = change(fact);
                changes = new JsonChanges(new JsonObject { ["evidence"] = fact["evidence"]!.DeepClone(), ["reviewers"] = fact["reviewers"]!.DeepClone() }, []);
                return Task.FromResult(failure);
            }, () => changes!, [], cancellationToken);
            return result;
        }
        var person = await viewer.FindPersonAsync(db, personId, cancellationToken);
        var bundle = (person?.FactsObject()["designations"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(d => d["group"]?.GetValue<string>() == group);
        var designation = bundle?.DeepClone().AsObject() ?? new JsonObject { ["group"] = group, ["evidence"] = new JsonArray(), ["reviewers"] = new JsonArray() };
        if (change(designation) is { } refused)
        {
            return refused;
        }
        return await EnterAsync(personId, "designations", designation, viewer, (_, _) => [], cancellationToken);
    }

    private async Task<EnteredFact?> EnteredAsync(Guid personId, string kind, Func<JsonObject, bool> matches, CancellationToken cancellationToken) =>
        (await db.EnteredFacts.AsNoTracking().Where(f => f.PersonId == personId && f.Kind == kind).ToListAsync(cancellationToken))
            .FirstOrDefault(f => matches(f.FactObject()));

    private async Task<Result<FactOutcome>> EnterAsync(Guid personId, string kind, JsonObject fact, Viewer viewer,
        Func<PersonFacts, List<string>, List<FieldError>> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = FormatSchemas.Validate(FormatSchemas.Fact(kind), JsonSerializer.SerializeToElement(fact)).Select(e => e with { Field = e.Field.TrimStart('/') is { Length: > 0 } f ? f : "/" }).ToList();
        return await UnitOfWork.RunAsync<FactOutcome>(db, time, async work =>
        {
            var person = await viewer.FindPersonAsync(db, personId, cancellationToken);
            if (person is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var warnings = new List<string>();
            if (errors.Count == 0)
            {
                errors.AddRange(check(PersonFacts.Parse(person.Facts), warnings));
            }
            if (errors.Count > 0)
            {
                return new Invalid(errors);
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new FactEntered(id, personId, kind, fact), viewer.Actor);
            return new FactOutcome(EnteredFactView.Of(work.Store.Find<EnteredFact>(id)!), warnings);
        }, cancellationToken);
    }

    private Task<Result<FactOutcome>> UpdateAsync(Guid factId, string kind, string action, Viewer viewer, Func<JsonObject, Task<Failure?>> refuse,
        JsonChanges changes, List<string> warnings, CancellationToken cancellationToken) =>
        UpdateAsync(factId, kind, action, viewer, refuse, () => changes, warnings, cancellationToken);

    // The lock first (in the unit of work), then the read: of two concurrent decisions, the second sees the first.
    private Task<Result<FactOutcome>> UpdateAsync(Guid factId, string kind, string action, Viewer viewer, Func<JsonObject, Task<Failure?>> refuse,
        Func<JsonChanges> changesAfterCheck, List<string> warnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return UnitOfWork.RunAsync<FactOutcome>(db, time, async work =>
        {
            var fact = await db.EnteredFacts.SingleOrDefaultAsync(f => f.Id == factId, cancellationToken);
            if (fact is null || fact.Kind != kind || await viewer.FindPersonAsync(db, fact.PersonId, cancellationToken) is null)
            {
                return new NotFound($"No {kind} fact {factId}.");
            }
            if (await refuse(fact.FactObject()) is { } failure)
            {
                return failure;
            }
            var changes = changesAfterCheck();
            work.Record(new FactUpdated(fact.Id, fact.PersonId, kind, action, changes.Set, changes.Removed), viewer.Actor);
            return new FactOutcome(EnteredFactView.Of(fact), warnings);
        }, cancellationToken);
    }

    /// <summary>The fear-interview notice of the agreement with that receiving state, in force now (or its latest version).</summary>
    private async Task<int?> NoticeHoursAsync(string country, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.AsNoTracking().Where(a => a.ReceivingState == country).OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (agreement is null)
        {
            return null;
        }
        var terms = await AgreementTerms.LoadAsync(db, agreement.Id, cancellationToken);
        terms!.InForce(now, out var parameters);
        return parameters.LegalRegime.FearInterviewNoticeHours;
    }

    private static Task<Result<FactOutcome>> Invalid(string field, string message) =>
        Task.FromResult(Result<FactOutcome>.Fail(new Invalid([new FieldError(field, message)])));

    private static JsonArray Codes(IReadOnlyList<string>? values) => new((values ?? []).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static void Optional(JsonObject fact, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            fact[name] = value.Trim();
        }
    }
}
