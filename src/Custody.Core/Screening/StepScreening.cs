using System.Text.Json.Nodes;
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

    public static readonly IReadOnlyList<string> All = [Nomination, ManifestLock, Substitution, Boarding, DepartureGate, HandOver];
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
    public async Task<Result<ScreeningDecision>> ScreenAsync(LedgerWriter ledger, Guid personId, string agreementId, string step, DateTimeOffset at, string actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (!TransferSteps.All.Contains(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "not a transfer step");
        }
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        var run = await new ScreenRegister(db, time).LoadAsync(new ScreeningRequest(agreementId, at, [person.ExternalId]), cancellationToken);
        if (run.Failure is { } failure)
        {
            return failure;
        }
        var decision = run.Value!.Screen(person.Id, person.Facts);
        ledger.Append(LedgerKinds.ScreeningDecided, "person:" + personId, Snapshot(decision, step), actor);
        return decision;
    }

    public static JsonObject Snapshot(ScreeningDecision decision, string step)
    {
        ArgumentNullException.ThrowIfNull(decision);
        static JsonArray Codes(IEnumerable<string> codes) => new(codes.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
        return new JsonObject
        {
            ["step"] = step,
            ["person"] = decision.Person,
            ["agreement"] = decision.Agreement,
            ["agreementVersion"] = decision.AgreementVersion,
            ["destination"] = decision.Destination,
            ["at"] = Instants.ToText(Instants.Utc(decision.At)),
            ["outcome"] = decision.Outcome,
            ["reasons"] = Codes(decision.Reasons),
            ["flags"] = Codes(decision.Flags),
            ["categories"] = Codes(decision.Categories),
            ["causes"] = new JsonArray(decision.Causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["fact"] = c.Fact }).ToArray()),
        };
    }
}
