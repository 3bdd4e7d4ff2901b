using System.Text.Json;
using Custody.Agreements;
using Microsoft.EntityFrameworkCore;

namespace Custody.Screening;

/// <summary>An agreement as screening reads it: its parties, its end, and every version's terms.</summary>
public sealed record AgreementTerms(string Id, string SendingState, string ReceivingState, DateTimeOffset? EffectiveUntil, IReadOnlyList<VersionTerms> Versions)
{
    public static AgreementTerms From(Agreement agreement, IEnumerable<AgreementVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return new AgreementTerms(agreement.Id, agreement.SendingState, agreement.ReceivingState,
            agreement.EffectiveUntil is { } until ? new DateTimeOffset(until, TimeSpan.Zero) : null,
            versions.Select(v => VersionTerms.Parse(v.Document)).OrderBy(v => v.EffectiveFrom).ToList());
    }

    /// <summary>An agreement of the register with every version, or null when there is none by that id.</summary>
    public static async Task<AgreementTerms?> LoadAsync(Persistence.CustodyDbContext db, string agreementId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agreement = await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken);
        if (agreement is null)
        {
            return null;
        }
        var versions = await db.AgreementVersions.AsNoTracking().Where(v => v.AgreementId == agreementId).ToListAsync(cancellationToken);
        return From(agreement, versions);
    }

    /// <summary>The version whose terms apply at <paramref name="at"/>: the one in force, else the parameters version of <see cref="InForce"/>.</summary>
    public VersionTerms VersionAt(DateTimeOffset at) => InForce(at, out var parameters) ?? parameters;

    /// <summary>Reads an agreement definition in the agreement format (already validated).</summary>
    public static AgreementTerms Parse(string json)
    {
        var definition = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        return new AgreementTerms(
            definition["id"]!.GetValue<string>(),
            definition["sendingState"]!.GetValue<string>(),
            definition["receivingState"]!.GetValue<string>(),
            definition["effectiveUntil"] is { } until ? DateTimeOffset.Parse(until.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : null,
            definition["versions"]!.AsArray().Select(v => VersionTerms.Parse(v!.ToJsonString())).OrderBy(v => v.EffectiveFrom).ToList());
    }

    /// <summary>
    /// The version in force at <paramref name="at"/> (the latest that has started, while the
    /// agreement has not ended), or null. <paramref name="parameters"/> is the version whose legal
    /// regime applies either way: the one in force, else the earliest if <paramref name="at"/>
    /// precedes every version, else the latest.
    /// </summary>
    public VersionTerms? InForce(DateTimeOffset at, out VersionTerms parameters)
    {
        var started = Versions.LastOrDefault(v => v.EffectiveFrom <= at);
        parameters = started ?? Versions[0];
        if (started is null)
        {
            return null;
        }
        if (EffectiveUntil is { } end && at >= end)
        {
            parameters = Versions[^1];
            return null;
        }
        return started;
    }
}

/// <summary>One agreement version's terms (the agreement format's <c>version</c>).</summary>
public sealed class VersionTerms
{
    public int Number { get; set; }
    public DateTimeOffset EffectiveFrom { get; set; }
    public IReadOnlyList<CategoryTerms> Categories { get; set; } = [];
    public int? PersonCap { get; set; }
    public int? CustodyTermDays { get; set; }
    public LegalRegime LegalRegime { get; set; } = new();

    public TariffTerms? Tariff { get; set; }

    /// <summary>The cell standards of this version; the ICRC defaults of DOMAIN.md where the version states none.</summary>
    public FacilityStandards FacilityStandards { get; set; } = new();

    public static VersionTerms Parse(string json) => JsonSerializer.Deserialize(json, ScreeningJson.Default.VersionTerms)
        ?? throw new JsonException("an agreement version is null");
}

public sealed class TariffTerms
{
    public string Currency { get; set; } = "";

    public string PerPersonDay { get; set; } = "";

    public string? FundingCeiling { get; set; }

    public int? WelfareCheckMaxAgeDays { get; set; }
}

/// <summary>Cell standards (agreement format's <c>facilityStandards</c>); unset values take the ICRC figures of DOMAIN.md.</summary>
public sealed class FacilityStandards
{
    public double MinFloorAreaSingleCellM2 { get; set; } = 5.4;

    public double MinFloorAreaSharedCellM2 { get; set; } = 3.4;

    public double MinWaterLitresPerPersonDay { get; set; } = 15;

    public int MaxPersonsPerToilet { get; set; } = 25;

    public int MaxPersonsPerShower { get; set; } = 50;

    /// <summary><c>refuse</c> or <c>warn</c>.</summary>
    public string OnExceed { get; set; } = "refuse";
}

public sealed class LegalRegime
{
    public int ThirdCountryNoticeHours { get; set; }
    public int? FearInterviewNoticeHours { get; set; }
    public int ReopenWindowDays { get; set; }
    /// <summary>Read from the format for compatibility; the departure gate no longer relies on a stored screening's age: it screens at the departure instant.</summary>
    public int? DepartureRescreenMinutes { get; set; }
}

public sealed class CategoryTerms
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public bool Enacted { get; set; }
    public IReadOnlyList<string> ExcludeOffenseCategories { get; set; } = [];
    public int? MinSentenceMonths { get; set; }
    public IReadOnlyList<string> Groups { get; set; } = [];
}
