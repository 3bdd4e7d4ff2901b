using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Screening;

/// <summary>The steps that move a person closer to the receiving state; each screens again at its own instant.</summary>
public static class TransferSteps
{
    public const string Nomination = "nomination";
    public const string ManifestLock = "manifest-lock";
    public const string Substitution = "substitution";
    public const string Boarding = "boarding";
    public const string DepartureGate = "departure-gate";
    public const string HandOver = "hand-over";

    /// <summary>Not a step forward: a fact changed for someone on a locked or moving manifest.</summary>
    public const string Review = "review";

    public static readonly IReadOnlyList<string> All = [Nomination, ManifestLock, Substitution, Boarding, DepartureGate, HandOver, Review];
}

/// <summary>A step refused because screening at its instant is blocked; carries the decision with every reason.</summary>
public sealed record Blocked(ScreeningDecision Decision)
    : Failure($"Blocked by screening: {string.Join(", ", Decision.Reasons)}.");

/// <summary>
/// The screening hook for transfer steps. Runs inside the step's unit of work, after the ledger is
/// locked, on the facts as committed at that moment, and appends the decision snapshot (reasons,
/// agreement version, instant, step) as a <c>screening.decided</c> entry in the same transaction as
/// the step — so the record shows what was known when the step was taken, or refused.
/// </summary>
public sealed class StepScreening(CustodyDbContext db, TimeProvider time)
{
    /// <exception cref="ArgumentOutOfRangeException">The step is not one of <see cref="TransferSteps.All"/>.</exception>
    public async Task<Result<ScreeningDecision>> ScreenAsync(UnitOfWork work, Guid personId, string agreementId, string step, DateTimeOffset at, string actor,
        Guid? manifestId = null, CancellationToken cancellationToken = default)
    {
        var many = await ScreenManyAsync(work, [personId], agreementId, step, at, actor, manifestId, cancellationToken);
        return many.Failure is { } failure ? failure : many.Value![personId];
    }

    /// <summary>
    /// Screens several people at one instant, loading the agreement and class orders once, and
    /// appends one snapshot per person (naming the manifest, when given, so the manifest shows its
    /// people's last screening).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not one of <see cref="TransferSteps.All"/>.</exception>
    public async Task<Result<IReadOnlyDictionary<Guid, ScreeningDecision>>> ScreenManyAsync(UnitOfWork work, IReadOnlyCollection<Guid> personIds, string agreementId,
        string step, DateTimeOffset at, string actor, Guid? manifestId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(personIds);
        if (!TransferSteps.All.Contains(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "not a transfer step");
        }
        var ids = personIds.Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.ExternalId, p.Facts }).ToListAsync(cancellationToken);
        if (people.Count != ids.Count)
        {
            return new NotFound($"No person {ids.Except(people.Select(p => p.Id)).First()} in the register.");
        }
        var run = await new ScreenRegister(db, time).LoadAsync(new ScreeningRequest(agreementId, at, people.Select(p => p.ExternalId).ToList()), cancellationToken);
        if (run.Failure is { } failure)
        {
            return failure;
        }
        var decisions = new Dictionary<Guid, ScreeningDecision>();
        foreach (var person in people.OrderBy(p => p.ExternalId, StringComparer.Ordinal))
        {
            var decision = run.Value!.Screen(person.Id, person.Facts);
            work.Record(Decided(person.Id, decision, step, manifestId), actor);
            decisions[person.Id] = decision;
        }
        return decisions;
    }

    /// <summary>The decision as the ledger records it at a step (and on a manifest, when one is named).</summary>
    public static ScreeningDecided Decided(Guid personId, ScreeningDecision decision, string step, Guid? manifestId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new ScreeningDecided(personId, decision.Person, step, decision.Agreement, decision.AgreementVersion, decision.Destination, Instants.Utc(decision.At),
            decision.Outcome, decision.Reasons, decision.Flags, decision.Categories, decision.Causes, manifestId);
    }
}
