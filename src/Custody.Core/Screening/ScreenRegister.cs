using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.CourtOrders;
using Custody.Facts;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Screening;

/// <summary>What to screen: an agreement (its receiving state is the destination), an instant, and everyone or the named people (bundle ids).</summary>
public sealed record ScreeningRequest(string AgreementId, DateTimeOffset At, IReadOnlyList<string> PersonIds);

/// <summary>A prepared run: the agreement's terms and the class orders, loaded once.</summary>
public sealed record ScreeningRun(ScreeningRequest Request, AgreementTerms Agreement, IReadOnlyList<ClassOrderFacts> ClassOrders,
    ILookup<Guid, EnteredCourtOrder> EnteredCourtOrders, ILookup<Guid, EnteredFact> EnteredFacts)
{
    /// <summary>A person's facts as screening reads them: the bundle's, plus the orders and facts entered in Custody.</summary>
    public PersonFacts FactsOf(Guid personId, string bundleFacts) =>
        PersonFacts.Parse(bundleFacts)
            .WithEnteredCourtOrders(EnteredCourtOrders[personId].Select(o => o.ToScreeningFact()))
            .WithEnteredFacts(EnteredFacts[personId]);

    public ScreeningDecision Screen(Guid personId, string bundleFacts)
    {
        var decision = Screener.Screen(FactsOf(personId, bundleFacts), ClassOrders, Agreement, Request.At);
        CustodyMetrics.Screened(decision.Outcome, decision.Reasons);
        return decision;
    }
}

/// <summary>A decision with the register's id of the person it is about.</summary>
public sealed record ScreenedPerson(Guid Id, ScreeningDecision Decision);

/// <summary>
/// Screens people of the register against an agreement at an instant, streaming decisions in
/// bundle-id order. Facts are read straight from the register (no cache, so a fact entered a
/// moment ago counts); parsing and the rules run on every core. The run is written to the access
/// log before any decision is produced.
/// </summary>
public sealed class ScreenRegister(CustodyDbContext db, TimeProvider time)
{
    private const int BatchSize = 2000;

    /// <summary>Loads what a run needs and writes the run to the access log.</summary>
    public async Task<Result<ScreeningRun>> PrepareAsync(ScreeningRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var run = await LoadAsync(request, cancellationToken);
        if (run.Failure is null)
        {
            await AccessLog.RecordAsync(db, time, new PeopleScreened(request.AgreementId, Instants.Utc(request.At), request.PersonIds.ToList()), viewer.Actor, cancellationToken);
        }
        return run;
    }

    /// <summary>
    /// Loads the agreement's terms, the class orders, and the orders and facts entered in Custody
    /// (for the named people, or everyone), as committed now.
    /// </summary>
    public async Task<Result<ScreeningRun>> LoadAsync(ScreeningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agreement = await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.AgreementId, cancellationToken);
        if (agreement is null)
        {
            return new NotFound($"No agreement {request.AgreementId}.");
        }
        var versions = await db.AgreementVersions.AsNoTracking().Where(v => v.AgreementId == agreement.Id).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return new Conflict($"Agreement {agreement.Id} has no versions to screen against.");
        }
        var courtOrders = db.CourtOrders.AsNoTracking();
        var facts = db.EnteredFacts.AsNoTracking();
        if (request.PersonIds.Count > 0)
        {
            var ids = request.PersonIds.Distinct(StringComparer.Ordinal).ToList();
            var known = await db.People.Where(p => ids.Contains(p.ExternalId)).Select(p => new { p.Id, p.ExternalId }).ToListAsync(cancellationToken);
            var unknown = ids.Except(known.Select(k => k.ExternalId), StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                return new NotFound($"No person {string.Join(", ", unknown)} in the register.");
            }
            var personIds = known.Select(k => k.Id).ToList();
            courtOrders = courtOrders.Where(o => personIds.Contains(o.PersonId));
            facts = facts.Where(f => personIds.Contains(f.PersonId));
        }
        var orders = await db.ClassOrders.AsNoTracking().Select(o => o.Facts).ToListAsync(cancellationToken);
        return new ScreeningRun(request, AgreementTerms.From(agreement, versions), orders.Select(ClassOrderFacts.Parse).ToList(),
            (await courtOrders.ToListAsync(cancellationToken)).ToLookup(o => o.PersonId),
            (await facts.ToListAsync(cancellationToken)).ToLookup(f => f.PersonId));
    }

    public async IAsyncEnumerable<ScreenedPerson> ScreenAsync(ScreeningRun run, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var people = db.People.AsNoTracking();
        if (run.Request.PersonIds.Count > 0)
        {
            var ids = run.Request.PersonIds.ToList();
            people = people.Where(p => ids.Contains(p.ExternalId));
        }
        var batch = new List<(Guid Id, string Facts)>(BatchSize);
        await foreach (var person in people.OrderBy(p => p.ExternalId).Select(p => new { p.Id, p.Facts }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            batch.Add((person.Id, person.Facts));
            if (batch.Count == BatchSize)
            {
                foreach (var decision in Screen(run, batch))
                {
                    yield return decision;
                }
                batch.Clear();
            }
        }
        foreach (var decision in Screen(run, batch))
        {
            yield return decision;
        }
    }

    private static ScreenedPerson[] Screen(ScreeningRun run, List<(Guid Id, string Facts)> batch)
    {
        var decisions = new ScreenedPerson[batch.Count];
        Parallel.For(0, batch.Count, i => decisions[i] = new ScreenedPerson(batch[i].Id, run.Screen(batch[i].Id, batch[i].Facts)));
        return decisions;
    }
}
