namespace Custody.Transfers;

/// <summary>
/// The manifest's life cycle as pure decisions: given the manifest's status and its people, whether
/// a step may happen, and if not, why (the refusal the officer reads, 409). The commands ask here
/// before they record anything; screening, the person cap and the register's checks come after.
/// draft → locked (→ draft again until boarding begins) → departed → arrived.
/// </summary>
public static class ManifestLifecycle
{
    public static string? RefuseAdd(string status) =>
        status == ManifestStatuses.Draft ? null : $"The manifest is {status}; people are added only while it is a draft (unlock it first).";

    /// <summary>Someone already on the manifest (in any state) is never added again; this says why.</summary>
    public static string RefuseAddAgain(ManifestPerson already)
    {
        ArgumentNullException.ThrowIfNull(already);
        return already.Status == ManifestPersonStatuses.Removed
            ? "The person was removed from this manifest; a removal is final — use another manifest."
            : $"The person is already on this manifest as {already.Role} ({already.Status}).";
    }

    public static string? RefuseRemove(string status) =>
        status == ManifestStatuses.Draft ? null : $"The manifest is {status}; people are removed only while it is a draft (disembark a boarded person instead).";

    public static string? RefuseLock(string status, IEnumerable<ManifestPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (status != ManifestStatuses.Draft)
        {
            return $"The manifest is already {status}.";
        }
        return people.Any(p => p.IsPrincipal && p.Status == ManifestPersonStatuses.Listed) ? null : "A manifest needs at least one principal to be locked.";
    }

    /// <summary>The agreement's person cap counts everyone held or on a locked manifest, and this manifest's principals.</summary>
    public static string? RefuseOverCap(int? cap, int committed, int principals) =>
        cap is { } limit && committed + principals > limit
            ? $"Locking would exceed the agreement's person cap of {limit}: {committed} already held or on locked manifests, {principals} on this one."
            : null;

    public static string? RefuseUnlock(string status, IEnumerable<ManifestPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (status != ManifestStatuses.Locked)
        {
            return $"Only a locked manifest can be unlocked; this one is {status}.";
        }
        return people.Any(p => p.IdentityCheckedAgainst is not null || p.Status is ManifestPersonStatuses.NoShow or ManifestPersonStatuses.Refused)
            ? "Boarding has begun; disembark people instead of unlocking."
            : null;
    }

    public static string? RefuseSubstitution(string status, ManifestPerson outgoing, ManifestPerson incoming)
    {
        ArgumentNullException.ThrowIfNull(outgoing);
        ArgumentNullException.ThrowIfNull(incoming);
        if (status is not (ManifestStatuses.Draft or ManifestStatuses.Locked))
        {
            return $"The manifest is {status}; substitutions end at departure.";
        }
        if (outgoing is not { IsPrincipal: true, Status: ManifestPersonStatuses.Listed })
        {
            return $"Only a listed principal can be substituted; {outgoing.PersonId} is a {outgoing.Role}, {outgoing.Status}.";
        }
        return incoming is { Role: ManifestRoles.Alternate, Status: ManifestPersonStatuses.Listed }
            ? null
            : $"Only a listed alternate can be substituted in; {incoming.PersonId} is a {incoming.Role}, {incoming.Status}.";
    }

    public static string? RefuseBoardingStep(string status) =>
        status == ManifestStatuses.Locked ? null : $"Boarding is recorded on a locked manifest; this one is {status}.";

    public static string? RefuseBoarding(ManifestPerson onManifest)
    {
        ArgumentNullException.ThrowIfNull(onManifest);
        return onManifest is { IsPrincipal: true, Status: ManifestPersonStatuses.Listed }
            ? null
            : $"Only a listed principal boards (alternates travel only once substituted in); this person is a {onManifest.Role}, {onManifest.Status}.";
    }

    public static string? RefuseDisembarkStep(string status) =>
        status == ManifestStatuses.Locked ? null : $"People are disembarked before departure; the manifest is {status}.";

    public static string? RefuseDisembark(ManifestPerson onManifest)
    {
        ArgumentNullException.ThrowIfNull(onManifest);
        return onManifest.Status == ManifestPersonStatuses.Boarded ? null : $"Only a boarded person is disembarked; this person is {onManifest.Status}.";
    }

    public static string? RefuseDeparture(string status, IReadOnlyCollection<ManifestPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (status != ManifestStatuses.Locked)
        {
            return $"Only a locked manifest departs; this one is {status}.";
        }
        var waiting = people.Count(p => p.IsPrincipal && p.Status == ManifestPersonStatuses.Listed);
        if (waiting > 0)
        {
            return $"{waiting} principal(s) have no boarding record (boarded, no-show or refused).";
        }
        return people.Any(p => p.Status == ManifestPersonStatuses.Boarded) ? null : "Nobody is aboard.";
    }
}
