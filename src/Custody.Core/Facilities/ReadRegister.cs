using System.Text.Json.Nodes;
using Custody.Access;
using Custody.Common;
using Custody.Ledger;
using Custody.Persistence;
using Custody.Screening;
using Custody.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Custody.Facilities;

public sealed record CellOccupancy(string CellId, string Unit, string Number, decimal FloorAreaM2, bool Shared, int Bunks, int DesignCapacity, int OperationalCapacity,
    int Occupants, decimal? SquareMetresPerPerson);

public sealed record UnitOccupancy(string Unit, int Cells, int Occupants, int DesignCapacity, int OperationalCapacity);

/// <summary>Occupancy at an instant, counted from the register's assignments: per cell, per unit and for the facility, with rates against capacity.</summary>
/// <summary>
/// Everyone admitted at an instant: those in cells (by unit and cell) and those awaiting a cell, who
/// count too (<see cref="Occupants"/> is both); <see cref="AwaitingCellOver24Hours"/> is a finding.
/// </summary>
public sealed record Occupancy(string FacilityId, DateTime At, int Occupants, int DesignCapacity, int OperationalCapacity, double DesignRate, double OperationalRate,
    IReadOnlyList<UnitOccupancy> Units, IReadOnlyList<CellOccupancy> Cells)
{
    /// <summary>Admitted and in no cell at that instant.</summary>
    public int AwaitingCell { get; init; }

    /// <summary>Of those, admitted more than <see cref="ReadRegister.AwaitingCellFindingHours"/> hours before: each a finding against the facility.</summary>
    public int AwaitingCellOver24Hours { get; init; }
}

/// <summary>One instant of a facility's occupancy over time: people held against design and operational capacity.</summary>
public sealed record OccupancyPoint(DateTime At, int Occupants, int DesignCapacity, int OperationalCapacity);

public sealed record HeldPerson(Guid PersonId, string ExternalId, string GivenName, string FamilyName, Guid AdmissionId, DateTime AdmittedAt, string? CellId,
    string? Finding, DateTime? LastWelfareCheck, DateTime DispositionDue)
{
    /// <summary>Where the person is while out under the facility's escort (the hospital and why); null while in the facility.</summary>
    public string? InHospital { get; init; }
}

public sealed record AwaitingAdmission(Guid PersonId, string ExternalId, string GivenName, string FamilyName, DateTime HandedOverAt, Guid? ManifestId);

public sealed record FacilityRegisterView(FacilityView Facility, IReadOnlyList<HeldPerson> Held, IReadOnlyList<AwaitingAdmission> Awaiting, Occupancy Occupancy,
    int WelfareCheckMaxAgeDays, int CustodyTermDays);

/// <summary>What relatives and counsel may know (art. 18): authority, dates and places, whereabouts, health, release or death — or that it is restricted, and on what ground.</summary>
public sealed record Article18Information(Guid PersonId, string GivenName, string FamilyName, bool Restricted, IReadOnlyList<string> RestrictionGrounds,
    string? Custodian, string? HeldOnBehalfOf, string? LegalAuthority, string? Whereabouts, IReadOnlyList<CustodyRecordView> DatesAndPlaces,
    string? HealthAtAdmission, string? LastWelfareCondition, DateTime? LastWelfareCheck, string? Release, string? Death)
{
    /// <summary>The restrictions in force, in full: ground, authority, review date.</summary>
    public IReadOnlyList<RestrictionView> Restrictions { get; init; } = [];
}

/// <summary>The register's reads: who is held where, occupancy at any instant, who has not been seen, whose term is ending, and the art. 18 subset.</summary>
public sealed class ReadRegister(CustodyDbContext db, TimeProvider time) : IUseCase
{
    /// <summary>Waiting longer than this for a cell after admission is a finding.</summary>
    public const int AwaitingCellFindingHours = 24;

    /// <summary>Dispositions appear this many days before the custody term ends.</summary>
    public const int DispositionNoticeDays = 30;

    /// <summary>How many days back the occupancy chart and its table go unless asked otherwise.</summary>
    public const int OccupancyChartDays = 30;

    /// <summary>Every facility of both states, by state and name: for anyone signed in (families and counsel are told them).</summary>
    public async Task<IReadOnlyList<FacilityView>> FacilitiesAsync(CancellationToken cancellationToken = default) =>
        (await db.Facilities.AsNoTracking().OrderBy(f => f.State).ThenBy(f => f.Name).ToListAsync(cancellationToken)).Select(FacilityView.Of).ToList();

    /// <summary>The standards the facility is held to now, and the agreement they come from (none: the ICRC defaults).</summary>
    public Task<(string? AgreementId, FacilityStandards Standards)> FacilityStandardsAsync(FacilityId facility, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        StandardsInForce.OfFacilityAsync(db, facility, at, cancellationToken);

    public async Task<FacilityRegisterView?> RegisterAsync(string facilityId, CancellationToken cancellationToken = default)
    {
        var facility = await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.Id == facilityId, cancellationToken);
        if (facility is null)
        {
            return null;
        }
        var now = Instants.Now(time);
        var admissions = await (from a in db.Admissions.AsNoTracking()
                                join p in db.People.AsNoTracking() on a.PersonId equals p.Id
                                where a.FacilityId == facilityId && a.EndedAt == null
                                orderby p.FamilyName, p.GivenName
                                select new { a, p.ExternalId, p.GivenName, p.FamilyName }).ToListAsync(cancellationToken);
        var ids = admissions.Select(x => x.a.PersonId).ToList();
        var cells = await db.CellAssignments.AsNoTracking().Where(c => ids.Contains(c.PersonId) && c.Until == null).ToDictionaryAsync(c => c.PersonId, cancellationToken);
        var checks = (await db.WelfareChecks.AsNoTracking().Where(w => ids.Contains(w.PersonId)).Select(w => new { w.PersonId, w.SeenAt }).ToListAsync(cancellationToken))
            .GroupBy(w => w.PersonId).ToDictionary(g => g.Key, g => g.Max(w => w.SeenAt));
        var inHospital = await db.CustodyRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId) && r.IsCurrent && r.PlaceKind == CustodyPlaces.Hospital)
            .ToDictionaryAsync(r => r.PersonId, r => r.Note ?? "", cancellationToken);
        var terms = new Dictionary<string, VersionTerms>(StringComparer.Ordinal);
        foreach (var agreementId in admissions.Select(x => x.a.AgreementId).Distinct())
        {
            terms[agreementId] = await TermsAsync(agreementId, now, cancellationToken);
        }
        var held = admissions.Select(x => new HeldPerson(x.a.PersonId, x.ExternalId, x.GivenName, x.FamilyName, x.a.Id, x.a.AdmittedAt,
            cells.GetValueOrDefault(x.a.PersonId)?.CellId, cells.GetValueOrDefault(x.a.PersonId)?.Finding,
            checks.TryGetValue(x.a.PersonId, out var seen) ? seen : null, Admission.DispositionDue(x.a.AdmittedAt, terms[x.a.AgreementId]))
            {
                InHospital = inHospital.GetValueOrDefault(x.a.PersonId),
            }).ToList();
        var awaiting = await (from r in db.CustodyRecords.AsNoTracking()
                              join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                              where r.IsCurrent && r.FacilityId == facilityId && r.Event == CustodyEvents.HandedOver
                                  && !db.Admissions.Any(a => a.PersonId == r.PersonId && a.EndedAt == null)
                              orderby r.OccurredAt
                              select new AwaitingAdmission(p.Id, p.ExternalId, p.GivenName, p.FamilyName, r.OccurredAt, r.ManifestId)).ToListAsync(cancellationToken);
        var anyTerms = terms.Values.FirstOrDefault() ?? await DefaultTermsAsync(now, cancellationToken);
        return new FacilityRegisterView(FacilityView.Of(facility), held, awaiting, await OccupancyAsync(facilityId, now, cancellationToken),
            anyTerms?.Tariff?.WelfareCheckMaxAgeDays ?? 30, anyTerms?.CustodyTermDays ?? Admission.DefaultCustodyTermDays);
    }

    /// <summary>Occupancy at <paramref name="at"/>: an assignment counts from its start until (not including) its end.</summary>
    public async Task<Occupancy> OccupancyAsync(string facilityId, DateTime at, CancellationToken cancellationToken = default)
    {
        var cells = await db.Cells.AsNoTracking().Where(c => c.FacilityId == facilityId).ToListAsync(cancellationToken);
        var cellIds = cells.Select(c => c.Id).ToList();
        var inCells = await db.CellAssignments.AsNoTracking().Where(a => cellIds.Contains(a.CellId) && a.From <= at && (a.Until == null || a.Until > at))
            .Select(a => new { a.CellId, a.PersonId }).ToListAsync(cancellationToken);
        var counts = inCells.CountBy(a => a.CellId).ToDictionary(c => c.Key, c => c.Value);
        var perCell = cells.OrderBy(c => c.Unit, StringComparer.Ordinal).ThenBy(c => c.Number, StringComparer.Ordinal).Select(c =>
        {
            var n = counts.GetValueOrDefault(c.Id);
            return new CellOccupancy(c.Id, c.Unit, c.Number, c.FloorAreaM2, c.Shared, c.Bunks, c.DesignCapacity, c.OperationalCapacity, n,
                n == 0 ? null : Math.Round(c.FloorAreaM2 / n, 2));
        }).ToList();
        var units = perCell.GroupBy(c => c.Unit).Select(g => new UnitOccupancy(g.Key, g.Count(), g.Sum(c => c.Occupants), g.Sum(c => c.DesignCapacity),
            g.Sum(c => c.OperationalCapacity))).ToList();
        // Everyone admitted counts, in a cell or not: a person awaiting a cell is held all the same.
        var admitted = await db.Admissions.AsNoTracking().Where(a => a.FacilityId == facilityId && a.AdmittedAt <= at && (a.EndedAt == null || a.EndedAt > at))
            .Select(a => new { a.PersonId, a.AdmittedAt }).ToListAsync(cancellationToken);
        var inACell = inCells.Select(a => a.PersonId).ToHashSet();
        var awaiting = admitted.Where(a => !inACell.Contains(a.PersonId)).ToList();
        var occupants = perCell.Sum(c => c.Occupants) + awaiting.Count;
        var design = perCell.Sum(c => c.DesignCapacity);
        var operational = perCell.Sum(c => c.OperationalCapacity);
        return new Occupancy(facilityId, at, occupants, design, operational, design == 0 ? 0 : (double)occupants / design,
            operational == 0 ? 0 : (double)occupants / operational, units, perCell)
        {
            AwaitingCell = awaiting.Count,
            // A person leaves a cell only for another or on release, so the wait runs from admission.
            AwaitingCellOver24Hours = awaiting.Count(a => at - a.AdmittedAt > TimeSpan.FromHours(AwaitingCellFindingHours)),
        };
    }

    /// <summary>
    /// People held at each of the last <paramref name="days"/> days' instants (same time of day as
    /// <paramref name="now"/>) and at <paramref name="now"/>, counted as <see cref="OccupancyAsync"/> counts
    /// (in a cell, or admitted and awaiting one), from three reads for the whole span rather than three per day:
    /// the register page draws and tabulates this beside its chart.
    /// </summary>
    public async Task<IReadOnlyList<OccupancyPoint>> OccupancyOverTimeAsync(string facilityId, DateTime now, int days, CancellationToken cancellationToken = default)
    {
        var from = now.AddDays(-days);
        var cells = await db.Cells.AsNoTracking().Where(c => c.FacilityId == facilityId)
            .Select(c => new { c.Id, c.DesignCapacity, c.OperationalCapacity }).ToListAsync(cancellationToken);
        var cellIds = cells.Select(c => c.Id).ToList();
        var assignments = await db.CellAssignments.AsNoTracking().Where(a => cellIds.Contains(a.CellId) && a.From <= now && (a.Until == null || a.Until > from))
            .Select(a => new { a.PersonId, a.From, a.Until }).ToListAsync(cancellationToken);
        var admissions = await db.Admissions.AsNoTracking().Where(a => a.FacilityId == facilityId && a.AdmittedAt <= now && (a.EndedAt == null || a.EndedAt > from))
            .Select(a => new { a.PersonId, a.AdmittedAt, a.EndedAt }).ToListAsync(cancellationToken);
        int design = cells.Sum(c => c.DesignCapacity), operational = cells.Sum(c => c.OperationalCapacity);
        return Enumerable.Range(0, days + 1).Select(d =>
        {
            var at = from.AddDays(d);
            var inCells = assignments.Where(a => a.From <= at && (a.Until == null || a.Until > at)).ToList();
            var inACell = inCells.Select(a => a.PersonId).ToHashSet();
            var awaiting = admissions.Count(a => a.AdmittedAt <= at && (a.EndedAt == null || a.EndedAt > at) && !inACell.Contains(a.PersonId));
            return new OccupancyPoint(at, inCells.Count + awaiting, design, operational);
        }).ToList();
    }

    /// <summary>People held whose last welfare check (or admission, if never seen) is more than the agreement's welfareCheckMaxAgeDays ago.</summary>
    public async Task<IReadOnlyList<HeldPerson>> NotSeenAsync(string facilityId, CancellationToken cancellationToken = default) =>
        await RegisterAsync(facilityId, cancellationToken) is { } register ? NotSeen(register) : [];

    /// <summary>People whose custody term ends within <see cref="DispositionNoticeDays"/> days (or has ended).</summary>
    public async Task<IReadOnlyList<HeldPerson>> DispositionDueAsync(string facilityId, CancellationToken cancellationToken = default) =>
        await RegisterAsync(facilityId, cancellationToken) is { } register ? DispositionDue(register) : [];

    /// <summary>The not-seen list of a register already read (a page shows it beside the register without reading it again).</summary>
    public IReadOnlyList<HeldPerson> NotSeen(FacilityRegisterView register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var oldest = Instants.Now(time).AddDays(-register.WelfareCheckMaxAgeDays);
        return register.Held.Where(h => (h.LastWelfareCheck ?? h.AdmittedAt) < oldest).ToList();
    }

    /// <summary>The disposition-due list of a register already read.</summary>
    public IReadOnlyList<HeldPerson> DispositionDue(FacilityRegisterView register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var horizon = Instants.Now(time).AddDays(DispositionNoticeDays);
        return register.Held.Where(h => h.DispositionDue <= horizon).OrderBy(h => h.DispositionDue).ToList();
    }

    /// <summary>The art. 18 subset for relatives and counsel; a restriction is shown as such, with its ground. The read is ledgered.</summary>
    public async Task<Result<Article18Information>> Article18Async(Guid personId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var person = await viewer.FindPersonAsync(db, personId, cancellationToken);
        if (person is null)
        {
            return new NotFound($"No person {personId} in the register.");
        }
        await AccessLog.RecordAsync(db, time, new PersonViewed(personId, "article-18", viewer.Roles?.ToList()), viewer.Actor, cancellationToken);
        return await Article18Of(person, viewer, cancellationToken);
    }

    /// <summary>
    /// The art. 18 subset of a person the viewer may see, read without ledgering the read: for a
    /// command that records the read in its own unit of work, so the answer and what it was read
    /// from are one transaction.
    /// </summary>
    public async Task<Article18Information> Article18Of(People.Person person, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var personId = person.Id;
        var restrictionRows = await db.InformationRestrictions.AsNoTracking().Where(r => r.PersonId == personId && r.LiftedAt == null).ToListAsync(cancellationToken);
        var restrictions = restrictionRows.Select(r => r.Ground).ToList();
        if (restrictions.Count > 0)
        {
            // Each with the authority that imposed it and the date by which a court reviews it (art. 20).
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return new Article18Information(personId, person.GivenName, person.FamilyName, true, restrictions, null, null, null, null, [], null, null, null, null, null)
            {
                Restrictions = restrictionRows.Select(r => RestrictionView.Of(r, today)).ToList(),
            };
        }
        var timeline = (await new ReadCustody(db, time).TimelineAsync(personId, viewer, logAccess: false, cancellationToken)).Value!;
        var current = timeline[^1];
        var admission = await db.Admissions.AsNoTracking().Where(a => a.PersonId == personId).OrderByDescending(a => a.AdmittedAt).FirstOrDefaultAsync(cancellationToken);
        var health = admission is null ? null : JsonNode.Parse(admission.Register)?["healthAtAdmission"] is { } h ? h["value"]?.GetValue<string>() ?? h["status"]?.GetValue<string>() : null;
        var welfare = await db.WelfareChecks.AsNoTracking().Where(w => w.PersonId == personId).OrderByDescending(w => w.SeenAt).FirstOrDefaultAsync(cancellationToken);
        var death = await db.Incidents.AsNoTracking().Where(i => i.PersonId == personId && i.Kind == Incident.Death).FirstOrDefaultAsync(cancellationToken);
        return new Article18Information(personId, person.GivenName, person.FamilyName, false, [], current.Custodian, current.OnBehalfOf, current.LegalAuthority,
            current.FacilityName is null ? current.PlaceKind : $"{current.FacilityName}, {current.FacilityAddress}, {current.FacilityTelephone}", timeline,
            health, welfare?.Condition, welfare?.SeenAt,
            admission?.EndKind is "released" or "returned" or "transferred-onward" ? $"{admission.EndKind} {Instants.ToText(admission.EndedAt!.Value)} — {admission.EndDestination} ({admission.EndAuthority})" : null,
            death is null ? null : $"{Instants.ToText(death.OccurredAt)}: {death.Circumstances}; cause: {death.Cause}; remains: {death.RemainsDestination}");
    }

    public sealed record IncidentRow(Guid Id, string Kind, string? FacilityId, Guid? ManifestId, Guid? PersonId, string? ExternalId, DateTime OccurredAt, string Details,
        string? Circumstances, string? Cause, string? RemainsDestination, string RecordedBy, DateTime RecordedAt);

    /// <summary>
    /// Incidents at a facility (or all), newest first: what the sending state is shown of the people
    /// held on its behalf, next to the notices queued for each.
    /// </summary>
    public async Task<IReadOnlyList<IncidentRow>> IncidentsAsync(string? facilityId, CancellationToken cancellationToken = default)
    {
        var incidents = db.Incidents.AsNoTracking();
        if (facilityId is not null)
        {
            incidents = incidents.Where(i => i.FacilityId == facilityId);
        }
        return await (from i in incidents
                      join p in db.People.AsNoTracking() on i.PersonId equals p.Id into people
                      from p in people.DefaultIfEmpty()
                      orderby i.OccurredAt descending
                      select new IncidentRow(i.Id, i.Kind, i.FacilityId, i.ManifestId, i.PersonId, p == null ? null : p.ExternalId, i.OccurredAt, i.Details,
                          i.Circumstances, i.Cause, i.RemainsDestination, i.RecordedBy, i.RecordedAt)).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>Visits denied to people held at the facility: each is a finding against it.</summary>
    public async Task<IReadOnlyList<AccessVisitView>> DeniedVisitsAsync(string facilityId, CancellationToken cancellationToken = default) =>
        (await (from v in db.AccessVisits.AsNoTracking()
               join a in db.Admissions.AsNoTracking() on v.PersonId equals a.PersonId
               where a.FacilityId == facilityId && v.Status == "denied" && v.RequestedAt >= a.AdmittedAt && (a.EndedAt == null || v.RequestedAt < a.EndedAt)
               orderby v.DecidedAt descending
               select v).ToListAsync(cancellationToken)).Select(AccessVisitView.Of).ToList();

    /// <summary>Visit requests for people held at the facility that await a decision.</summary>
    public async Task<IReadOnlyList<AccessVisit>> PendingVisitsAsync(string facilityId, CancellationToken cancellationToken = default) =>
        await (from v in db.AccessVisits.AsNoTracking()
               join a in db.Admissions.AsNoTracking() on v.PersonId equals a.PersonId
               where a.FacilityId == facilityId && a.EndedAt == null && v.Status == "requested"
               orderby v.RequestedAt
               select v).ToListAsync(cancellationToken);

    private async Task<VersionTerms> TermsAsync(string agreementId, DateTime at, CancellationToken cancellationToken)
    {
        var terms = await AgreementTerms.LoadAsync(db, agreementId, cancellationToken) ?? throw new InvalidOperationException($"agreement {agreementId} is not in the register");
        return terms.VersionAt(new DateTimeOffset(at, TimeSpan.Zero));
    }

    private async Task<VersionTerms?> DefaultTermsAsync(DateTime at, CancellationToken cancellationToken)
    {
        var first = await db.Agreements.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        return first is null ? null : await TermsAsync(first, at, cancellationToken);
    }
}
