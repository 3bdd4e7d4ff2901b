using Custody.Common;
using Custody.Persistence;
using Custody.Screening;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

/// <summary>
/// The facility standards in force, shared by the cell assignment (refused or marked on a breach),
/// the inspection (findings computed against them) and the register's space chart: one answer to
/// "held to what", so the three never disagree.
/// </summary>
internal static class StandardsInForce
{
    /// <summary>
    /// The standards a facility is held to: those of the agreement its latest admission is under
    /// (else the first agreement on record, else the ICRC defaults).
    /// </summary>
    public static async Task<(string? AgreementId, FacilityStandards Standards)> OfFacilityAsync(CustodyDbContext db, FacilityId facility, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var agreement = await db.Admissions.AsNoTracking().Where(a => a.FacilityId == facility.Value).OrderByDescending(a => a.AdmittedAt).Select(a => a.AgreementId)
            .FirstOrDefaultAsync(cancellationToken) ?? await db.Agreements.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        return (agreement, agreement is null ? new FacilityStandards() : await OfAgreementAsync(db, agreement, at, cancellationToken));
    }

    /// <summary>The standards of the agreement version in force (the latest when none is).</summary>
    public static async Task<FacilityStandards> OfAgreementAsync(CustodyDbContext db, string agreementId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var terms = await AgreementTerms.LoadAsync(db, agreementId, cancellationToken) ?? throw new InvalidOperationException($"agreement {agreementId} is not in the register");
        return terms.VersionAt(at).FacilityStandards;
    }
}
