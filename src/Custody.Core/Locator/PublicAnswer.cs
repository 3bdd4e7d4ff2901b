using Custody.Transfers;

namespace Custody.Locator;

/// <summary>The statuses the public locator gives: never the person's fate, only whether and where they are held.</summary>
public static class LocatorStatuses
{
    public const string InCustody = "in-custody";
    /// <summary>Released within <see cref="PublicAnswer.ReleasedFindableDays"/> days; then no longer found.</summary>
    public const string Released = "released";
    /// <summary>Not held by anyone Custody knows of: never detained, or dead, escaped or disappeared — contact the responsible authority.</summary>
    public const string NotInCustody = "not-in-custody";
    /// <summary>Information about the person is restricted under the law (art. 20): the notice, never the facility.</summary>
    public const string Restricted = "restricted";
}

/// <summary>A person's current custody record as the locator reads it, with whether information about them is restricted.</summary>
public sealed record LocatorRecord(Guid PersonId, string GivenName, string FamilyName, string CountryOfBirth, string PlaceKind, string Custodian, string? OnBehalfOf,
    DateTime OccurredAt, string? FacilityName, string? FacilityAddress, string? FacilityTelephone, string? FacilityState, bool Restricted);

/// <summary>
/// What the public may know (DOMAIN.md, the public role; ICE's locator rules): in custody or not, the
/// custodian, and the facility's name, address and telephone — nothing about the person's fate. A
/// death, escape or disappearance reads "not in custody, contact the responsible authority" (next of
/// kin learn more through the notices and art. 18 answers); a person only registered was never
/// detained; released people stay findable for 60 days; a restriction shows the notice, not the place.
/// </summary>
public static class PublicAnswer
{
    public const int ReleasedFindableDays = 60;

    /// <summary>The public's answer about one record, or null when the person is no longer to be found.</summary>
    public static LocatorResult? For(LocatorRecord record, DateTime now, bool withRecordId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = withRecordId ? record.PersonId : (Guid?)null;
        LocatorResult Answer(bool? inCustody, string status, bool withFacility) => new(record.GivenName, record.FamilyName, record.CountryOfBirth, inCustody, status,
            record.Custodian, withFacility ? record.OnBehalfOf : null, withFacility ? record.FacilityName : null, withFacility ? record.FacilityAddress : null,
            withFacility ? record.FacilityTelephone : null, withFacility ? record.FacilityState : null,
            // When someone stopped being held would date a death or an escape: only the held and the released get a date.
            status is LocatorStatuses.InCustody or LocatorStatuses.Released ? record.OccurredAt : null, id);
        if (record.Restricted)
        {
            return Answer(null, LocatorStatuses.Restricted, withFacility: false);
        }
        return record.PlaceKind switch
        {
            CustodyPlaces.Released => now - record.OccurredAt <= TimeSpan.FromDays(ReleasedFindableDays) ? Answer(false, LocatorStatuses.Released, withFacility: false) : null,
            CustodyPlaces.Deceased or CustodyPlaces.AtLarge or CustodyPlaces.CaseSystem => Answer(false, LocatorStatuses.NotInCustody, withFacility: false),
            // In a facility, on a movement, in hospital under a facility's escort (its contact, never the hospital), returned or handed to another authority.
            _ => Answer(true, LocatorStatuses.InCustody, withFacility: true),
        };
    }
}
