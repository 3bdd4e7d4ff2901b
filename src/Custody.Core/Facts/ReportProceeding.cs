using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Persistence;

namespace Custody.Facts;

public sealed record ReportProceedingRequest(string? Kind, string? Court, string? Docket, string? FiledOn);

/// <summary>Reports a pending proceeding (habeas, appeal, motion to reopen): screening holds removal while it is pending, from the commit on.</summary>
public sealed class ReportProceeding(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public Task<Result<FactOutcome>> HandleAsync(PersonId person, ReportProceedingRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fact = new JsonObject { ["kind"] = request.Kind, ["status"] = "pending" };
        FactEntries.Optional(fact, "court", request.Court);
        FactEntries.Optional(fact, "docket", request.Docket);
        FactEntries.Optional(fact, "filedOn", request.FiledOn);
        return FactEntries.EnterAsync(db, time, person, "proceedings", fact, viewer, (_, _) => [], cancellationToken);
    }
}
