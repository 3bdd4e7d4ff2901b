using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;

namespace Custody.Production;

/// <summary>A court's order: kind (whereabouts, produce-video, produce-in-person), the court, the deadline (RFC 3339).</summary>
public sealed record OrderProductionRequest(string? Kind, string? Court, string? Deadline, string? Docket = null, string? Details = null);

/// <summary>A court orders the custodian to declare a person's whereabouts, or to produce them, by a deadline in the future.</summary>
public sealed class OrderProduction(CustodyDbContext db, TimeProvider time) : IUseCase
{
    public async Task<Result<ProductionRequestView>> HandleAsync(PersonId personId, OrderProductionRequest request, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        var now = Instants.Now(time);
        var errors = new List<FieldError>();
        if (request.Kind is null || !ProductionRequest.Kinds.Contains(request.Kind))
        {
            errors.Add(new FieldError("kind", $"Give one of {string.Join(", ", ProductionRequest.Kinds)}."));
        }
        if (string.IsNullOrWhiteSpace(request.Court))
        {
            errors.Add(new FieldError("court", "Name the court that orders it."));
        }
        DateTime deadline = default;
        if (!Instants.TryParseRfc3339(request.Deadline, out var parsed))
        {
            errors.Add(new FieldError("deadline", "Give the deadline as an RFC 3339 instant, e.g. 2026-12-01T12:00:00Z."));
        }
        else if ((deadline = Instants.Utc(parsed)) <= now)
        {
            errors.Add(new FieldError("deadline", "The deadline must lie in the future."));
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        return await UnitOfWork.RunAsync<ProductionRequestView>(db, time, async work =>
        {
            if (await viewer.FindPersonAsync(db, personId, cancellationToken) is null)
            {
                return new NotFound($"No person {personId} in the register.");
            }
            var id = Guid.CreateVersion7(time.GetUtcNow());
            work.Record(new ProductionOrdered(id, personId.Value, request.Kind!, request.Court!.Trim(), deadline,
                ProductionRequestView.Blank(request.Docket), ProductionRequestView.Blank(request.Details)), viewer.Actor);
            return ProductionRequestView.Of(work.Store.Find<ProductionRequest>(id)!, null, now);
        }, cancellationToken);
    }
}
