using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.People;

/// <summary>A search of the register: free text over names, aliases and identifiers, plus filters.</summary>
public sealed record PeopleQuery(string? Text = null, string? Nationality = null, string? CountryOfBirth = null, string? Fact = null, int Page = 1, int PageSize = 50);

public sealed record PersonSummary(Guid Id, string ExternalId, string GivenName, string FamilyName, DateOnly DateOfBirth,
    string CountryOfBirth, IReadOnlyList<string> Nationalities, IReadOnlyList<string> Facts);

public sealed record PeoplePage(int Total, int Page, int PageSize, IReadOnlyList<PersonSummary> Items);

/// <summary>Lists people; the search and the ids it returned are written to the access log.</summary>
public sealed partial class SearchPeople(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public const int MaxPageSize = 200;

    public async Task<Result<PeoplePage>> RunAsync(PeopleQuery query, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = Validate(query);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var people = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            foreach (var word in Person.Normalize(query.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                people = people.Where(p => p.SearchText.Contains(word));
            }
        }
        if (!string.IsNullOrWhiteSpace(query.Nationality))
        {
            var code = query.Nationality.Trim();
            people = people.Where(p => (" " + p.Nationalities + " ").Contains(" " + code + " "));
        }
        if (!string.IsNullOrWhiteSpace(query.CountryOfBirth))
        {
            people = people.Where(p => p.CountryOfBirth == query.CountryOfBirth.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.Fact))
        {
            var marker = " " + query.Fact.Trim() + " ";
            people = people.Where(p => p.FactKinds.Contains(marker));
        }
        people = people.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.ExternalId);

        List<Person> page;
        int total;
        if (viewer.CounselEmail is { } email)
        {
            // Counsel's clients are few: narrow in SQL by the address, decide in memory by ofRecord.
            var candidates = await people.Where(p => p.Facts.Contains(email)).ToListAsync(cancellationToken);
            var clients = candidates.Where(p => viewer.MaySee(p.FactsObject())).ToList();
            total = clients.Count;
            page = clients.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        }
        else
        {
            total = await people.CountAsync(cancellationToken);
            page = await people.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        }
        var items = page.Select(Summarize).ToList();
        await AccessLog.RecordAsync(db, time, new PeopleSearched(new SearchedFor(query.Page, query.Text, query.Nationality, query.CountryOfBirth, query.Fact),
            items.Select(i => i.Id).ToList(), viewer.Roles?.ToList()), viewer.Actor, cancellationToken);
        return new PeoplePage(total, query.Page, query.PageSize, items);
    }

    public static PersonSummary Summarize(Person p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.ExternalId, p.GivenName, p.FamilyName, p.DateOfBirth, p.CountryOfBirth,
            p.Nationalities.Split(' ', StringSplitOptions.RemoveEmptyEntries), p.FactKinds.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static List<FieldError> Validate(PeopleQuery query)
    {
        var errors = new List<FieldError>();
        if (query.Page < 1)
        {
            errors.Add(new FieldError("page", "Page numbers start at 1."));
        }
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add(new FieldError("pageSize", $"Page size must be between 1 and {MaxPageSize}."));
        }
        if (!string.IsNullOrWhiteSpace(query.Nationality) && !CountryCode().IsMatch(query.Nationality.Trim()))
        {
            errors.Add(new FieldError("nationality", "A nationality is an ISO 3166-1 alpha-2 code such as SV."));
        }
        if (!string.IsNullOrWhiteSpace(query.CountryOfBirth) && !CountryCode().IsMatch(query.CountryOfBirth.Trim()))
        {
            errors.Add(new FieldError("countryOfBirth", "A country of birth is an ISO 3166-1 alpha-2 code such as SV."));
        }
        if (!string.IsNullOrWhiteSpace(query.Fact) && !Person.FactKindNames.Contains(query.Fact.Trim()))
        {
            errors.Add(new FieldError("fact", $"Unknown kind of fact; one of: {string.Join(", ", Person.FactKindNames)}."));
        }
        if (query.Text is { Length: > 200 })
        {
            errors.Add(new FieldError("q", "Search text is at most 200 characters."));
        }
        return errors;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();
}
