using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Locator;
using Custody.Persistence;

namespace Custody.InformationRequests;

/// <summary>A relative's (or counsel's) request: who asks, their relationship and contact, the language to answer in, and the locator's keys of the person sought.</summary>
public sealed record FileInformationRequest(string? RequesterName, string? Relationship, string? Contact, string? Language,
    string? Identifier, string? GivenName, string? FamilyName, string? CountryOfBirth);

/// <summary>
/// Relatives' requests for art. 18 information (issue 12): anyone may file one without an account;
/// the answer is owed by the custodian within the deadline; the requester reads it through a
/// capability link (unguessable, expiring; only its hash is kept). Filing never tells whether the
/// person exists: every request gets the same answer shape. Counsel of record filing for a client
/// get the art. 18 information at once.
/// </summary>
public sealed class AskForInformation(CustodyDbContext db, TimeProvider time, InformationRequestOptions options) : IUseCase
{
    public async Task<Result<FiledInformationRequest>> HandleAsync(FileInformationRequest r, Viewer viewer, CancellationToken cancellationToken = default)
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
            var matches = await Article18Answer.MatchesAsync(db, key, cancellationToken);
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
            work.Record(new InformationRequestFiled(id, reference, Article18Answer.Hash(token), Instants.Utc(now).AddDays(options.LinkDays),
                new Requester(r.RequesterName!.Trim(), r.Relationship!.Trim(), r.Contact!.Trim(), r.Language ?? "en"), keys, due, person,
                custody?.FacilityId), viewer.Actor);
            // Counsel of record (signed in, and this person's) get the art. 18 information at once, in the same transaction.
            if (viewer.CounselEmail is not null && person is { } client && await viewer.FindPersonAsync(db, client, cancellationToken) is not null)
            {
                await Article18Answer.RecordAsync(db, time, work, work.Store.Find<InformationRequest>(id)!, viewer, cancellationToken);
            }
            return new FiledInformationRequest(reference, "/Requests/Status/" + token, due);
        }, cancellationToken);
    }
}
