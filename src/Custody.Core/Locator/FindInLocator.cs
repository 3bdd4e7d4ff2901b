using Custody.Common;
using Custody.Persistence;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Locator;

/// <summary>
/// A locator search: an identifier with the country of birth, or given name, family name and
/// country of birth. Exact match only (case and diacritics folded).
/// </summary>
public sealed record LocatorQuery(string? Identifier, string? GivenName, string? FamilyName, string? CountryOfBirth);

/// <summary>
/// What the public may know of a person found: in custody or not, the custodian, the facility's
/// name, address and telephone, and on whose behalf they are held (DOMAIN.md invariant 3 —
/// people transferred abroad stay findable). Never a minor; never the legal file.
/// </summary>
public sealed record LocatorResult(string GivenName, string FamilyName, string CountryOfBirth, bool InCustody, string Status, string Custodian,
    string? HeldOnBehalfOf, string? FacilityName, string? FacilityAddress, string? FacilityTelephone, string? FacilityState, DateTime Since, Guid? PersonId = null);

/// <summary>The public locator's lookup: one indexed query, no access-log entry (the answer is public by design).</summary>
public sealed class FindInLocator(CustodyDbContext db, TimeProvider time)
{
    private sealed record Row(Guid PersonId, string GivenName, string FamilyName, string CountryOfBirth, string PlaceKind, string Event, string Custodian, string? OnBehalfOf,
        DateTime OccurredAt, string? FacilityName, string? FacilityAddress, string? FacilityTelephone, string? FacilityState);

    // Compiled once: the public locator is the hottest read, and the query never changes shape.
    private static readonly Func<CustodyDbContext, string, DateOnly, IAsyncEnumerable<Row>> Lookup = EF.CompileAsyncQuery(
        (CustodyDbContext db, string key, DateOnly adultBornBy) =>
            (from k in db.LocatorKeys
             join p in db.People on k.PersonId equals p.Id
             join r in db.CustodyRecords on p.Id equals r.PersonId
             join f in db.Facilities on r.FacilityId equals f.Id into facilities
             from f in facilities.DefaultIfEmpty()
             where k.Key == key && r.IsCurrent && p.DateOfBirth <= adultBornBy
             select new Row(p.Id, p.GivenName, p.FamilyName, p.CountryOfBirth, r.PlaceKind, r.Event, r.Custodian, r.OnBehalfOf, r.OccurredAt,
                 f == null ? null : f.Name, f == null ? null : f.Address, f == null ? null : f.Telephone, f == null ? null : f.State))
            .AsNoTracking().Take(20));

    public static IReadOnlyList<FieldError> Validate(LocatorQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(query.CountryOfBirth) || !Facilities.FacilityCommands.Country().IsMatch(query.CountryOfBirth.Trim().ToUpperInvariant()))
        {
            errors.Add(new FieldError("countryOfBirth", "Required: the country of birth, an ISO 3166-1 alpha-2 code such as SV."));
        }
        var byId = !string.IsNullOrWhiteSpace(query.Identifier);
        var byName = !string.IsNullOrWhiteSpace(query.GivenName) || !string.IsNullOrWhiteSpace(query.FamilyName);
        if (byId == byName)
        {
            errors.Add(new FieldError("identifier", "Search by an identifier (such as an A-number), or by given and family name — one of the two."));
        }
        else if (byName && (string.IsNullOrWhiteSpace(query.GivenName) || string.IsNullOrWhiteSpace(query.FamilyName)))
        {
            errors.Add(new FieldError(string.IsNullOrWhiteSpace(query.GivenName) ? "givenName" : "familyName", "Both given and family name are required."));
        }
        if ((query.Identifier?.Length ?? 0) > 100 || (query.GivenName?.Length ?? 0) > 200 || (query.FamilyName?.Length ?? 0) > 200)
        {
            errors.Add(new FieldError("identifier", "Too long."));
        }
        return errors;
    }

    /// <summary>
    /// Looks the query up. <paramref name="withRecordIds"/> adds each person's register id, for signed-in
    /// readers of personal records (counsel and courts follow it to the custody timeline, where
    /// counsel still see only their own clients); the public never gets it.
    /// </summary>
    public async Task<Result<IReadOnlyList<LocatorResult>>> FindAsync(LocatorQuery query, bool withRecordIds = false, CancellationToken cancellationToken = default)
    {
        var errors = Validate(query);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var country = query.CountryOfBirth!.Trim().ToUpperInvariant();
        var key = string.IsNullOrWhiteSpace(query.Identifier)
            ? LocatorKey.ByName(query.GivenName!, query.FamilyName!, country)
            : LocatorKey.ByIdentifier(query.Identifier, country);
        // Adults only: born on or before this day eighteen years ago.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var adultBornBy = today.AddYears(-18);
        var rows = new List<Row>(1);
        await foreach (var row in Lookup(db, key, adultBornBy).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }
        return rows.Select(r => new LocatorResult(r.GivenName, r.FamilyName, r.CountryOfBirth,
            !CustodyPlaces.OutOfCustody(r.PlaceKind), r.Event, r.Custodian, r.OnBehalfOf, r.FacilityName, r.FacilityAddress, r.FacilityTelephone, r.FacilityState, r.OccurredAt,
            withRecordIds ? r.PersonId : null)).ToList();
    }
}
