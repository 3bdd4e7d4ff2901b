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
/// What the public may know of a person found: in custody or not (null while information is
/// restricted), one of <see cref="LocatorStatuses"/>, the custodian, the facility's name, address and
/// telephone, and on whose behalf they are held (DOMAIN.md invariant 3 — people transferred abroad
/// stay findable). Never a minor; never the legal file; never the person's fate (<see cref="PublicAnswer"/>).
/// </summary>
public sealed record LocatorResult(string GivenName, string FamilyName, string CountryOfBirth, bool? InCustody, string Status, string Custodian,
    string? HeldOnBehalfOf, string? FacilityName, string? FacilityAddress, string? FacilityTelephone, string? FacilityState, DateTime? Since, Guid? PersonId = null);

/// <summary>The public locator's lookup: one indexed query, no access-log entry (the answer is public by design).</summary>
public sealed class FindInLocator(CustodyDbContext db, TimeProvider time) : IUseCase
{
    // The public locator is the hottest read: one indexed statement on the context's own connection,
    // read straight into the result (EF's materializer was most of the time per request when measured).
    private const string Sql = """
        SELECT p."Id", p."GivenName", p."FamilyName", p."CountryOfBirth", r."PlaceKind", r."Custodian", r."OnBehalfOf", r."OccurredAt",
               f."Name", f."Address", f."Telephone", f."State",
               EXISTS (SELECT 1 FROM "InformationRestrictions" x WHERE x."PersonId" = p."Id" AND x."LiftedAt" IS NULL)
        FROM "LocatorKeys" k
        JOIN "People" p ON p."Id" = k."PersonId"
        JOIN "CustodyRecords" r ON r."PersonId" = p."Id" AND r."IsCurrent"
        LEFT JOIN "Facilities" f ON f."Id" = r."FacilityId"
        WHERE k."Key" = @key AND p."DateOfBirth" <= @born
        LIMIT 20
        """;

    private async Task<List<LocatorRecord>> LookupAsync(string key, DateOnly adultBornBy, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            var keyParameter = command.CreateParameter();
            keyParameter.ParameterName = "@key";
            keyParameter.Value = key;
            command.Parameters.Add(keyParameter);
            var born = command.CreateParameter();
            born.ParameterName = "@born";
            // SQLite keeps dates as ISO text (as EF maps DateOnly there); PostgreSQL as date.
            born.Value = connection is Npgsql.NpgsqlConnection ? adultBornBy : adultBornBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(born);
            var rows = new List<LocatorRecord>(1);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                rows.Add(new LocatorRecord(reader.GetFieldValue<Guid>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    Text(6), DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(7), DateTimeKind.Utc), Text(8), Text(9), Text(10), Text(11), reader.GetBoolean(12)));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static IReadOnlyList<FieldError> Validate(LocatorQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(query.CountryOfBirth) || !Facilities.RegisterFacility.Country().IsMatch(query.CountryOfBirth.Trim().ToUpperInvariant()))
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
            CustodyMetrics.LocatorAnswered("invalid");
            return new Invalid(errors);
        }
        var country = query.CountryOfBirth!.Trim().ToUpperInvariant();
        var key = string.IsNullOrWhiteSpace(query.Identifier)
            ? LocatorKey.ByName(query.GivenName!, query.FamilyName!, country)
            : LocatorKey.ByIdentifier(query.Identifier, country);
        // Adults only: born on or before this day eighteen years ago.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var adultBornBy = today.AddYears(-18);
        var rows = await LookupAsync(key, adultBornBy, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var answers = rows.Select(r => PublicAnswer.For(r, now, withRecordIds)).OfType<LocatorResult>().ToList();
        CustodyMetrics.LocatorAnswered(answers.Count > 0 ? "found" : "none");
        return answers;
    }
}
