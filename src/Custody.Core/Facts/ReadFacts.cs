using Custody.Access;
using Custody.Common;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facts;

/// <summary>
/// The legal facts recorded in Custody for a person, and each designation as screening sees it:
/// what the person's page and the API show, to readers who may see the person.
/// </summary>
public sealed class ReadFacts(CustodyDbContext db) : IUseCase
{
    public async Task<Result<IReadOnlyList<EnteredFactView>>> ListAsync(PersonId person, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await viewer.FindPersonAsync(db, person, cancellationToken) is null)
        {
            return new NotFound($"No person {person} in the register.");
        }
        var facts = await db.EnteredFacts.AsNoTracking().Where(f => f.PersonId == person.Value).OrderBy(f => f.EnteredAt).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<EnteredFactView>>.Ok(facts.Select(EnteredFactView.Of).ToList());
    }

    /// <summary>Every designation as screening sees it (the bundle's, or Custody's where it supersedes them), validated or not, and why.</summary>
    public async Task<Result<IReadOnlyList<DesignationStatus>>> DesignationsAsync(PersonId person, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var found = await viewer.FindPersonAsync(db, person, cancellationToken);
        if (found is null)
        {
            return new NotFound($"No person {person} in the register.");
        }
        var entered = await db.EnteredFacts.AsNoTracking().Where(f => f.PersonId == person.Value && f.Kind == "designations").ToListAsync(cancellationToken);
        var facts = PersonFacts.Parse(found.Facts).WithEnteredFacts(entered);
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
}
