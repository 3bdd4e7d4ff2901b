using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Facilities;
using Custody.Ledger;
using Custody.Locator;
using Custody.Notifications;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.InformationRequests;

/// <summary>A relative's (or counsel's) request: who asks, their relationship and contact, the language to answer in, and the locator's keys of the person sought.</summary>
public sealed record FileInformationRequest(string? RequesterName, string? Relationship, string? Contact, string? Language,
    string? Identifier, string? GivenName, string? FamilyName, string? CountryOfBirth);

/// <summary>What the filer gets once: the reference, the secret status link, and the deadline.</summary>
public sealed record FiledInformationRequest(string Reference, string StatusPath, DateTime DueAt);

/// <summary>A request as its requester reads it (through the status link), and as staff list it.</summary>
public sealed record InformationRequestView(Guid Id, string Reference, string Status, DateTime FiledAt, DateTime DueAt, bool Overdue, JsonObject? Answer, DateTime? AnsweredAt)
{
    /// <summary>Staff only: who asks, and whom they seek.</summary>
    public string? RequesterName { get; init; }
    public string? Relationship { get; init; }
    public string? Contact { get; init; }
    public string? Language { get; init; }
    public JsonObject? Query { get; init; }
    public Guid? PersonId { get; init; }
    public string? FacilityId { get; init; }
}

/// <summary>
/// How long the custodian has to answer. One deadline for every request: a deadline that depended on
/// the agreement the person is held under would tell the filer that the person exists.
/// </summary>
public sealed class InformationRequestOptions
{
    public int AnswerHours { get; set; } = 48;

    /// <summary>How long the status link works.</summary>
    public int LinkDays { get; set; } = 90;
}

/// <summary>
/// Relatives' requests for art. 18 information (issue 12): anyone may file one without an account;
/// the answer is owed by the custodian's reception officer or facility director within the deadline;
/// the requester reads it through a capability link (unguessable, expiring; only its hash is kept).
/// Filing never tells whether the person exists: every request gets the same answer shape. Counsel
/// of record filing for a client get the art. 18 information at once. Unanswered requests turn
/// overdue at the deadline, are listed to inspectors and courts, and are escalated by notice.
/// </summary>
public sealed class InformationRequestCommands(CustodyDbContext db, TimeProvider time, InformationRequestOptions options, Transfers.IncidentOptions incidents)
{
    public async Task<Result<FiledInformationRequest>> FileAsync(FileInformationRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        Transfers.TransferInput.Require(errors, "requesterName", r.RequesterName, 200);
        Transfers.TransferInput.Require(errors, "relationship", r.Relationship, 100);
        Transfers.TransferInput.Require(errors, "contact", r.Contact, 200);
        if (r.Language is not (null or "en" or "es"))
        {
            errors.Add(new FieldError("language", "en or es."));
        }
        var query = new LocatorQuery(r.Identifier, r.GivenName, r.FamilyName, r.CountryOfBirth);
        errors.AddRange(FindInLocator.Validate(query));
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var country = query.CountryOfBirth!.Trim().ToUpperInvariant();
        var key = string.IsNullOrWhiteSpace(query.Identifier) ? LocatorKey.ByName(query.GivenName!, query.FamilyName!, country) : LocatorKey.ByIdentifier(query.Identifier, country);
        var now = time.GetUtcNow();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var id = Guid.CreateVersion7(now);
        return await UnitOfWork.RunAsync<FiledInformationRequest>(db, time, async work =>
        {
            // Relatives may ask about minors too (the public locator never shows them); one match only, or none.
            var matches = await MatchesAsync(key, cancellationToken);
            Guid? person = matches.Count == 1 ? matches[0] : null;
            var custody = person is { } p ? work.Store.CurrentCustody(p) : null;
            var due = Instants.Utc(now).AddHours(options.AnswerHours);
            var keys = new JsonObject { ["countryOfBirth"] = country };
            if (!string.IsNullOrWhiteSpace(query.Identifier))
            {
                keys["identifier"] = query.Identifier.Trim();
            }
            else
            {
                keys["givenName"] = query.GivenName!.Trim();
                keys["familyName"] = query.FamilyName!.Trim();
            }
            var reference = "IR-" + id.ToString("N")[^8..].ToUpperInvariant();
            work.Record(new InformationRequestFiled(id, reference, Hash(token), Instants.Utc(now).AddDays(options.LinkDays),
                new Requester(r.RequesterName!.Trim(), r.Relationship!.Trim(), r.Contact!.Trim(), r.Language ?? "en"), keys, due, person,
                custody?.FacilityId), viewer.Actor);
            // Counsel of record (signed in, and this person's) get the art. 18 information at once, in the same transaction.
            if (viewer.CounselEmail is not null && person is { } client && await viewer.FindPersonAsync(db, client, cancellationToken) is not null)
            {
                await AnswerInAsync(work, work.Store.Find<InformationRequest>(id)!, viewer, cancellationToken);
            }
            return new FiledInformationRequest(reference, "/Requests/Status/" + token, due);
        }, cancellationToken);
    }

    // Distinct people under a locator key, at most two (enough to tell one from several).
    private async Task<List<Guid>> MatchesAsync(string key, CancellationToken cancellationToken) =>
        await db.LocatorKeys.AsNoTracking().Where(k => k.Key == key).Select(k => k.PersonId).Distinct().Take(2).ToListAsync(cancellationToken);

    /// <summary>
    /// The custodian's answer, taken from the register now: the art. 18 subset, or the restriction
    /// with its ground; when the keys matched nobody, that no one by that description is held.
    /// </summary>
    public async Task<Result<InformationRequestView>> AnswerAsync(Guid requestId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return await UnitOfWork.RunAsync<InformationRequestView>(db, time, async work =>
        {
            if (work.Store.Find<InformationRequest>(requestId) is not { } current)
            {
                return new NotFound($"No information request {requestId}.");
            }
            if (current.Status == InformationRequest.Answered)
            {
                return new Conflict($"Request {current.Reference} was already answered.");
            }
            await AnswerInAsync(work, current, viewer, cancellationToken);
            return StaffView(current);
        }, cancellationToken);
    }

    /// <summary>
    /// Answers in the caller's transaction, from the register as it stands in it (a restriction
    /// recorded a moment before is seen). A request filed before the person was registered, or
    /// whose keys matched several people, is looked up again now: several still give no answer
    /// about anyone, only a request for an identifier.
    /// </summary>
    private async Task AnswerInAsync(UnitOfWork work, InformationRequest request, Viewer viewer, CancellationToken cancellationToken)
    {
        List<Guid> matches = request.PersonId is { } known ? [known] : await MatchesAsync(KeyOf(JsonNode.Parse(request.Query)!.AsObject()), cancellationToken);
        JsonObject answer;
        if (matches.Count > 1)
        {
            answer = new JsonObject { ["found"] = false, ["ambiguous"] = true, ["message"] = SeveralMatch };
        }
        else if (matches.Count == 1 && await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == matches[0], cancellationToken) is { } person)
        {
            // Read as the custodian answering; the read is ledgered as theirs, in this transaction.
            work.Record(new PersonViewed(person.Id, "article-18", viewer.Roles?.ToList()), viewer.Actor);
            answer = RequesterAnswer(await new ReadRegister(db, time).Article18Of(person, new Viewer(viewer.Actor, Roles: viewer.Roles), cancellationToken));
        }
        else
        {
            answer = new JsonObject { ["found"] = false, ["message"] = NoOneHeld };
        }
        work.Record(new InformationRequestAnswered(request.Id, answer), viewer.Actor);
    }

    private const string NoOneHeld = "No one matching this description is held by either state under the agreement.";

    private const string SeveralMatch = "More than one person matches this description. Please file again with an identifier (such as an A-number or identity document number) and the country of birth.";

    private static string KeyOf(JsonObject keys) => keys["identifier"] is { } identifier
        ? LocatorKey.ByIdentifier(identifier.GetValue<string>(), keys["countryOfBirth"]!.GetValue<string>())
        : LocatorKey.ByName(keys["givenName"]!.GetValue<string>(), keys["familyName"]!.GetValue<string>(), keys["countryOfBirth"]!.GetValue<string>());

    /// <summary>The request behind a status link; not found when the secret is wrong or the link expired.</summary>
    public async Task<Result<InformationRequestView>> StatusAsync(string? token, CancellationToken cancellationToken = default)
    {
        var hash = Hash(token ?? "");
        var request = await db.InformationRequests.AsNoTracking().SingleOrDefaultAsync(x => x.TokenHash == hash, cancellationToken);
        if (request is null || request.LinkExpiresAt <= Instants.Now(time))
        {
            return new NotFound("No request behind this link, or the link has expired.");
        }
        return PublicView(request);
    }

    /// <summary>Requests still open (overdue first, then by deadline), or only the overdue ones: for the custodian's staff, inspectors and courts.</summary>
    public async Task<IReadOnlyList<InformationRequestView>> ListOpenAsync(bool overdueOnly, CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        var open = db.InformationRequests.AsNoTracking().Where(x => x.Status == InformationRequest.Open);
        if (overdueOnly)
        {
            open = open.Where(x => x.DueAt < now);
        }
        return (await open.OrderBy(x => x.DueAt).ToListAsync(cancellationToken)).Select(StaffView).ToList();
    }

    /// <summary>Records each missed deadline once and escalates it to the independent authority, one transaction per request.</summary>
    public async Task<int> RecordOverdueAsync(string actor, CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        var missed = await db.InformationRequests.AsNoTracking().Where(x => x.Status == InformationRequest.Open && x.OverdueAt == null && x.DueAt < now)
            .Select(x => x.Id).ToListAsync(cancellationToken);
        foreach (var id in missed)
        {
            await UnitOfWork.RunAsync(db, time, work =>
            {
                var request = work.Store.Find<InformationRequest>(id)!;
                if (request.Status != InformationRequest.Open || request.OverdueAt is not null)
                {
                    return Task.FromResult(Result<bool>.Ok(false));
                }
                work.Record(new InformationRequestOverdue(id), actor);
                var values = new Dictionary<string, string>
                {
                    ["reference"] = request.Reference,
                    ["filedAt"] = NotificationTemplates.When(request.FiledAt),
                    ["dueBy"] = NotificationTemplates.When(request.DueAt),
                    ["facility"] = request.FacilityId ?? "(no person matched)",
                };
                Outbox.Queue(work, incidents.ToIndependentAuthority(NotificationKinds.InformationRequestOverdue, values, request.PersonId, now), actor, time.GetUtcNow());
                return Task.FromResult(Result<bool>.Ok(true));
            }, cancellationToken);
            db.ChangeTracker.Clear();
        }
        return missed.Count;
    }

    // Art. 18's list and nothing else: no register ids, no staff accounts, no notes (a hospital's reason), no names the filer did not give.
    private static JsonObject RequesterAnswer(Article18Information info)
    {
        if (info.Restricted)
        {
            return new JsonObject
            {
                ["restricted"] = true,
                ["restrictionGrounds"] = new JsonArray([.. info.Restrictions.Select(r => (JsonNode)JsonValue.Create(
                    r.Authority is null ? r.Ground : $"{r.Ground} ({r.Authority}, review by {r.ReviewBy:yyyy-MM-dd})")!)]),
            };
        }
        var answer = new JsonObject { ["restricted"] = false };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                answer[name] = value;
            }
        }
        Add("custodian", info.Custodian);
        Add("heldOnBehalfOf", info.HeldOnBehalfOf);
        Add("legalAuthority", info.LegalAuthority);
        Add("whereabouts", info.Whereabouts);
        Add("healthAtAdmission", info.HealthAtAdmission);
        Add("lastWelfareCheck", info.LastWelfareCheck is { } seen ? Instants.ToText(seen) : null);
        Add("lastWelfareCondition", info.LastWelfareCondition);
        Add("release", info.Release);
        Add("death", info.Death);
        answer["datesAndPlaces"] = new JsonArray([.. info.DatesAndPlaces.Select(r => (JsonNode)new JsonObject
        {
            ["at"] = Instants.ToText(r.OccurredAt), ["event"] = r.Event, ["custodian"] = r.Custodian, ["place"] = r.FacilityName ?? r.PlaceKind,
        })]);
        return answer;
    }

    private InformationRequestView PublicView(InformationRequest x) =>
        new(x.Id, x.Reference, x.Status, x.FiledAt, x.DueAt, x.Status == InformationRequest.Open && x.DueAt < Instants.Now(time),
            x.Answer is null ? null : JsonNode.Parse(x.Answer)!.AsObject(), x.AnsweredAt);

    private InformationRequestView StaffView(InformationRequest x) => PublicView(x) with
    {
        RequesterName = x.RequesterName, Relationship = x.Relationship, Contact = x.Contact, Language = x.Language,
        Query = JsonNode.Parse(x.Query)!.AsObject(), PersonId = x.PersonId, FacilityId = x.FacilityId,
    };

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
