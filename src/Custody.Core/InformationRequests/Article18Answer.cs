using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Facilities;
using Custody.Ledger;
using Custody.Locator;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.InformationRequests;

/// <summary>
/// The answer a requester gets, composed from the register as it stands in the caller's
/// transaction: the art. 18 subset, the restriction with its ground, or that no one by that
/// description is held. Shared by counsel's immediate answer and the custodian's.
/// </summary>
internal static class Article18Answer
{
    private const string NoOneHeld = "No one matching this description is held by either state under the agreement.";

    private const string SeveralMatch = "More than one person matches this description. Please file again with an identifier (such as an A-number or identity document number) and the country of birth.";

    /// <summary>Distinct people under a locator key, at most two (enough to tell one from several).</summary>
    public static async Task<List<Guid>> MatchesAsync(CustodyDbContext db, string key, CancellationToken cancellationToken) =>
        await db.LocatorKeys.AsNoTracking().Where(k => k.Key == key).Select(k => k.PersonId).Distinct().Take(2).ToListAsync(cancellationToken);

    /// <summary>
    /// Answers in the caller's transaction (a restriction recorded a moment before is seen). A request
    /// filed before the person was registered, or whose keys matched several people, is looked up
    /// again now: several still give no answer about anyone, only a request for an identifier.
    /// </summary>
    public static async Task RecordAsync(CustodyDbContext db, TimeProvider time, UnitOfWork work, InformationRequest request, Viewer viewer, CancellationToken cancellationToken)
    {
        List<Guid> matches = request.PersonId is { } known ? [known] : await MatchesAsync(db, KeyOf(JsonNode.Parse(request.Query)!.AsObject()), cancellationToken);
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

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string KeyOf(JsonObject keys) => keys["identifier"] is { } identifier
        ? LocatorKey.ByIdentifier(identifier.GetValue<string>(), keys["countryOfBirth"]!.GetValue<string>())
        : LocatorKey.ByName(keys["givenName"]!.GetValue<string>(), keys["familyName"]!.GetValue<string>(), keys["countryOfBirth"]!.GetValue<string>());

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
}
