using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Imports;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facts;

public sealed record ScheduleInterviewRequest(string? InterviewAt);

/// <summary>
/// Sets the interview of a pending fear claim. A notice shorter than the agreement's
/// fearInterviewNoticeHours is warned about, not refused: the officer may have reasons, and the
/// person's counsel sees the warning on the record.
/// </summary>
public sealed class ScheduleInterview(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<FactOutcome>> HandleAsync(Guid factId, ScheduleInterviewRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Instants.TryParseRfc3339(request.InterviewAt?.Trim(), out var interviewAt))
        {
            return new Invalid([new FieldError("interviewAt", "When the interview will be held, RFC 3339 with its offset.")]);
        }
        var now = time.GetUtcNow();
        var warnings = new List<string>();
        return await FactEntries.UpdateAsync(db, time, factId, "fearClaims", "interview-scheduled", viewer, async fact =>
        {
            if (fact["outcome"]!.GetValue<string>() != "pending")
            {
                return new Conflict($"The fear claim is already decided ({fact["outcome"]}); no interview to schedule.");
            }
            var country = fact["country"]!.GetValue<string>();
            if (await NoticeHoursAsync(country, now, cancellationToken) is { } hours && interviewAt - now < TimeSpan.FromHours(hours))
            {
                warnings.Add($"The interview is {(interviewAt - now).TotalHours:F0} hours away; the agreement for {country} asks for at least {hours} hours' notice.");
            }
            return null;
        }, new JsonChanges(new JsonObject { ["interviewAt"] = Instants.ToText(Instants.Utc(interviewAt)) }, []), warnings, cancellationToken);
    }

    /// <summary>The fear-interview notice of the agreement with that receiving state, in force now (or its latest version).</summary>
    private async Task<int?> NoticeHoursAsync(string country, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.AsNoTracking().Where(a => a.ReceivingState == country).OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (agreement is null)
        {
            return null;
        }
        var terms = await AgreementTerms.LoadAsync(db, agreement.Id, cancellationToken);
        terms!.InForce(now, out var parameters);
        return parameters.LegalRegime.FearInterviewNoticeHours;
    }
}
