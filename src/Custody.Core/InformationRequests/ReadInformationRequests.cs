using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.InformationRequests;

/// <summary>A request as its requester follows it (by its secret link), and the open ones as staff, inspectors and courts list them.</summary>
public sealed class ReadInformationRequests(CustodyDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>The request behind a status link; not found when the secret is wrong or the link expired.</summary>
    public async Task<Result<InformationRequestView>> StatusAsync(string? token, CancellationToken cancellationToken = default)
    {
        var hash = Article18Answer.Hash(token ?? "");
        var request = await db.InformationRequests.AsNoTracking().SingleOrDefaultAsync(x => x.TokenHash == hash, cancellationToken);
        var now = Instants.Now(time);
        if (request is null || request.LinkExpiresAt <= now)
        {
            return new NotFound("No request behind this link, or the link has expired.");
        }
        return InformationRequestView.Public(request, now);
    }

    /// <summary>Requests still open (by deadline), or only the overdue ones.</summary>
    public async Task<IReadOnlyList<InformationRequestView>> ListOpenAsync(bool overdueOnly, CancellationToken cancellationToken = default)
    {
        var now = Instants.Now(time);
        var open = db.InformationRequests.AsNoTracking().Where(x => x.Status == InformationRequest.Open);
        if (overdueOnly)
        {
            open = open.Where(x => x.DueAt < now);
        }
        return (await open.OrderBy(x => x.DueAt).ToListAsync(cancellationToken)).Select(x => InformationRequestView.Staff(x, now)).ToList();
    }
}
