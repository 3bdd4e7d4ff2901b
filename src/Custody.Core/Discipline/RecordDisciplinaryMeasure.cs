using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Discipline;

/// <summary>
/// A disciplinary measure: the offence, the hearing (when, and its outcome), the sanction (one of
/// <see cref="MandelaRules.Kinds"/>), its first day (YYYY-MM-DD) and days; for solitary confinement the
/// health assessment; <c>collective</c> when it would fall on a group.
/// </summary>
public sealed record RecordMeasureRequest(string? Offence, string? HearingAt, string? HearingOutcome, string? Sanction, string? StartsOn, int? Days,
    HealthAssessment? Health = null, bool Collective = false);

/// <summary>The refusal of a sanction that breaches the Mandela Rules, naming each rule.</summary>
public sealed record RulesBreached(string Message, IReadOnlyList<RuleBreach> Breaches) : Failure(Message);

/// <summary>
/// Records a disciplinary measure against a person held in a facility — the offence, the hearing and
/// its outcome, the sanction — after checking it against the Nelson Mandela Rules (<see cref="MandelaRules"/>):
/// a sanction they forbid is refused naming each rule, never recorded and questioned later.
/// </summary>
public sealed class RecordDisciplinaryMeasure(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<DisciplinaryMeasureView>> HandleAsync(PersonId personId, RecordMeasureRequest r, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(viewer);
        var errors = new List<FieldError>();
        Transfers.TransferInput.Require(errors, "offence", r.Offence, 1000);
        Transfers.TransferInput.Require(errors, "hearingOutcome", r.HearingOutcome, 2000);
        var hearingAt = Transfers.TransferInput.Past(errors, "hearingAt", r.HearingAt, time.GetUtcNow());
        if (r.Sanction is null || !MandelaRules.Kinds.Contains(r.Sanction))
        {
            errors.Add(new FieldError("sanction", $"One of: {string.Join(", ", MandelaRules.Kinds)}."));
        }
        if (!DateOnly.TryParseExact(r.StartsOn?.Trim(), "yyyy-MM-dd", out var startsOn))
        {
            errors.Add(new FieldError("startsOn", "The first day of the sanction, YYYY-MM-DD."));
        }
        if (r.Days is not (>= 1 and <= 366))
        {
            errors.Add(new FieldError("days", "How many days, 1 to 366."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<DisciplinaryMeasureView>(db, time, async work =>
        {
            var person = await viewer.FindPersonAsync(db, personId, cancellationToken);
            if (person is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            if (work.Store.OpenAdmission(personId) is not { } admission)
            {
                return new StateConflict("The person is not admitted to a facility.", "not-admitted");
            }
            var solitary = (await db.DisciplinaryMeasures.AsNoTracking().Where(m => m.PersonId == personId.Value && m.Sanction == MandelaRules.SolitaryConfinement)
                .Select(m => new { m.StartsOn, m.Days }).ToListAsync(cancellationToken)).Select(m => (m.StartsOn, m.StartsOn.AddDays(m.Days - 1)));
            var age = MandelaRules.AgeOn(person.DateOfBirth, startsOn);
            var breaches = MandelaRules.Breaches(new Sanction(r.Sanction!, startsOn, r.Days!.Value, r.Collective), age, solitary, r.Health);
            if (breaches.Count > 0)
            {
                return new RulesBreached("Refused under the Nelson Mandela Rules: " + string.Join("; ", breaches.Select(b => $"rule {b.Rule}: {b.Message}")), breaches);
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new DisciplinaryMeasureRecorded(id, personId, admission.FacilityId, r.Offence!.Trim(), hearingAt!.Value, r.HearingOutcome!.Trim(), r.Sanction!,
                startsOn, r.Days.Value), viewer.Actor);
            return DisciplinaryMeasureView.Of(work.Store.Find<DisciplinaryMeasure>(id)!);
        }, cancellationToken);
    }
}
