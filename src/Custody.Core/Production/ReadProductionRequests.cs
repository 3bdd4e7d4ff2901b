using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Production;

/// <summary>Production requests with their declarations: a person's, or every open one across the register.</summary>
public sealed class ReadProductionRequests(CustodyDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>Requests for a person, or every open one when no person is given; earliest deadline first.</summary>
    public async Task<IReadOnlyList<ProductionRequestView>> ListAsync(PersonId? personId, bool overdueOnly, CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        var person = personId?.Value;
        var requests = await db.ProductionRequests.AsNoTracking()
            .Where(r => person == null ? r.Status == ProductionRequest.Open : r.PersonId == person)
            .Where(r => !overdueOnly || (r.Status == ProductionRequest.Open && r.Deadline < now))
            .OrderBy(r => r.Deadline).ToListAsync(cancellationToken);
        var ids = requests.Select(r => r.Id).ToList();
        var declarations = await db.WhereaboutsDeclarations.AsNoTracking().Where(d => ids.Contains(d.RequestId)).ToListAsync(cancellationToken);
        return [.. requests.Select(r => ProductionRequestView.Of(r, declarations.SingleOrDefault(d => d.RequestId == r.Id), now))];
    }
}
