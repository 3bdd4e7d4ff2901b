using System.Text.Json.Nodes;
using Custody.Common;
using Custody.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custody.Agreements;

public sealed record AgreementSummary(string Id, string Title, string SendingState, string ReceivingState, DateTime? EffectiveUntil, int Versions, DateTime? LatestEffectiveFrom);

public sealed record AgreementVersionView(int Number, DateTime EffectiveFrom, string? Note, DateTime RecordedAt, long Seq, JsonObject Document);

public sealed record AgreementDetail(AgreementSummary Summary, IReadOnlyList<AgreementVersionView> Versions);

/// <summary>Agreements and their versions, newest version last.</summary>
public sealed class ReadAgreements(CustodyDbContext db) : IUseCase
{
    public async Task<IReadOnlyList<AgreementSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var agreements = await db.Agreements.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var versions = await db.AgreementVersions.AsNoTracking().ToListAsync(cancellationToken);
        return agreements.Select(a => Summarize(a, versions.Where(v => v.AgreementId == a.Id).ToList())).ToList();
    }

    public async Task<Result<AgreementDetail>> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var agreement = await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agreement is null)
        {
            return new NotFound($"No agreement {id}.");
        }
        var versions = await db.AgreementVersions.AsNoTracking().Where(v => v.AgreementId == id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        return new AgreementDetail(Summarize(agreement, versions),
            versions.Select(v => new AgreementVersionView(v.Number, v.EffectiveFrom, v.Note, v.RecordedAt, v.Seq, v.DocumentObject())).ToList());
    }

    private static AgreementSummary Summarize(Agreement a, List<AgreementVersion> versions) =>
        new(a.Id, a.Title, a.SendingState, a.ReceivingState, a.EffectiveUntil, versions.Count,
            versions.Count == 0 ? null : versions.Max(v => v.EffectiveFrom));
}
