using Custody.Common;
using Custody.Ledger;

namespace Custody.Transfers;

/// <summary>The agreement's person cap and how many places are already taken: held under the agreement, or on other locked or moving manifests.</summary>
public readonly record struct PersonCap(int Limit, int Committed);

/// <summary>
/// The manifest's life cycle as pure decisions: given the manifest and its people, the event a step
/// records, or why it may not happen (the refusal the officer reads, 409; a person not on the
/// manifest, 404). The handlers ask here before anything else; screening and the register's checks
/// come after, and the event is recorded only when they agree.
/// draft → locked (→ draft again until boarding begins) → departed → arrived.
/// </summary>
public static class ManifestLifecycle
{
    /// <summary>A person is put on a draft as principal or alternate; someone already on it (in any state) never again.</summary>
    public static Decision<ManifestPersonAdded> Add(Manifest manifest, ManifestPerson? already, PersonId person, string role)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Status != ManifestStatuses.Draft)
        {
            return Decision<ManifestPersonAdded>.Refuse($"The manifest is {manifest.Status}; people are added only while it is a draft (unlock it first).");
        }
        if (already is not null)
        {
            return Decision<ManifestPersonAdded>.Refuse(already.Status == ManifestPersonStatuses.Removed
                ? "The person was removed from this manifest; a removal is final — use another manifest."
                : $"The person is already on this manifest as {already.Role} ({already.Status}).");
        }
        return new ManifestPersonAdded(manifest.Id, person, role);
    }

    public static Decision<ManifestPersonRemoved> Remove(Manifest manifest, ManifestPerson? onManifest, PersonId person, string reason)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Status != ManifestStatuses.Draft)
        {
            return Decision<ManifestPersonRemoved>.Refuse($"The manifest is {manifest.Status}; people are removed only while it is a draft (disembark a boarded person instead).");
        }
        return onManifest is { Status: ManifestPersonStatuses.Listed }
            ? new ManifestPersonRemoved(manifest.Id, person, reason)
            : new NotFound($"Person {person} is not listed on manifest {manifest.Id}.");
    }

    /// <summary>A draft with a listed principal locks, within the agreement's person cap (none on a return: it is never capped).</summary>
    public static Decision<ManifestLocked> Lock(Manifest manifest, IReadOnlyCollection<ManifestPerson> people, PersonCap? cap)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(people);
        if (manifest.Status != ManifestStatuses.Draft)
        {
            return Decision<ManifestLocked>.Refuse($"The manifest is already {manifest.Status}.");
        }
        var principals = people.Count(p => p.IsPrincipal && p.Status == ManifestPersonStatuses.Listed);
        if (principals == 0)
        {
            return Decision<ManifestLocked>.Refuse("A manifest needs at least one principal to be locked.");
        }
        return cap is { } limit && limit.Committed + principals > limit.Limit
            ? Decision<ManifestLocked>.Refuse($"Locking would exceed the agreement's person cap of {limit.Limit}: {limit.Committed} already held or on locked manifests, {principals} on this one.")
            : new ManifestLocked(manifest.Id);
    }

    /// <summary>A locked manifest goes back to draft until boarding begins (an identity checked, a no-show or a refusal recorded).</summary>
    public static Decision<ManifestUnlocked> Unlock(Manifest manifest, IReadOnlyCollection<ManifestPerson> people, string reason)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(people);
        if (manifest.Status != ManifestStatuses.Locked)
        {
            return Decision<ManifestUnlocked>.Refuse($"Only a locked manifest can be unlocked; this one is {manifest.Status}.");
        }
        return people.Any(p => p.IdentityCheckedAgainst is not null || p.Status is ManifestPersonStatuses.NoShow or ManifestPersonStatuses.Refused)
            ? Decision<ManifestUnlocked>.Refuse("Boarding has begun; disembark people instead of unlocking.")
            : new ManifestUnlocked(manifest.Id, reason);
    }

    /// <summary>A listed alternate replaces a listed principal, until departure; never by position.</summary>
    public static Decision<ManifestSubstituted> Substitute(Manifest manifest, ManifestPerson? outgoing, ManifestPerson? incoming, PersonId outId, PersonId inId,
        string reason)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (outgoing is null || incoming is null)
        {
            return new NotFound($"{(outgoing is null ? outId : inId)} is not on manifest {manifest.Id}.");
        }
        if (manifest.Status is not (ManifestStatuses.Draft or ManifestStatuses.Locked))
        {
            return Decision<ManifestSubstituted>.Refuse($"The manifest is {manifest.Status}; substitutions end at departure.");
        }
        if (outgoing is not { IsPrincipal: true, Status: ManifestPersonStatuses.Listed })
        {
            return Decision<ManifestSubstituted>.Refuse($"Only a listed principal can be substituted; {outgoing.PersonId} is a {outgoing.Role}, {outgoing.Status}.");
        }
        return incoming is { Role: ManifestRoles.Alternate, Status: ManifestPersonStatuses.Listed }
            ? new ManifestSubstituted(manifest.Id, outId, inId, reason)
            : Decision<ManifestSubstituted>.Refuse($"Only a listed alternate can be substituted in; {incoming.PersonId} is a {incoming.Role}, {incoming.Status}.");
    }

    /// <summary>Boarding is recorded on a locked manifest, for a listed principal (alternates travel only once substituted in).</summary>
    public static Decision<ManifestBoardingRecorded> Board(Manifest manifest, ManifestPerson? onManifest, PersonId person, string outcome, string? identifier,
        string? reason)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Status != ManifestStatuses.Locked)
        {
            return Decision<ManifestBoardingRecorded>.Refuse($"Boarding is recorded on a locked manifest; this one is {manifest.Status}.");
        }
        if (onManifest is null)
        {
            return new NotFound($"Person {person} is not on manifest {manifest.Id}.");
        }
        return onManifest is { IsPrincipal: true, Status: ManifestPersonStatuses.Listed }
            ? new ManifestBoardingRecorded(manifest.Id, person, outcome, outcome == ManifestPersonStatuses.Boarded ? identifier : null, reason)
            : Decision<ManifestBoardingRecorded>.Refuse(
                $"Only a listed principal boards (alternates travel only once substituted in); this person is a {onManifest.Role}, {onManifest.Status}.");
    }

    /// <summary>A boarded person is taken off before departure.</summary>
    public static Decision<ManifestPersonDisembarked> Disembark(Manifest manifest, ManifestPerson? onManifest, PersonId person, string reason)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Status != ManifestStatuses.Locked)
        {
            return Decision<ManifestPersonDisembarked>.Refuse($"People are disembarked before departure; the manifest is {manifest.Status}.");
        }
        if (onManifest is null)
        {
            return new NotFound($"Person {person} is not on manifest {manifest.Id}.");
        }
        return onManifest.Status == ManifestPersonStatuses.Boarded
            ? new ManifestPersonDisembarked(manifest.Id, person, reason)
            : Decision<ManifestPersonDisembarked>.Refuse($"Only a boarded person is disembarked; this person is {onManifest.Status}.");
    }

    /// <summary>A locked manifest departs once every principal has a boarding record and someone is aboard (the gate screens them after).</summary>
    public static Decision<ManifestDeparted> Depart(Manifest manifest, IReadOnlyCollection<ManifestPerson> people)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(people);
        if (manifest.Status != ManifestStatuses.Locked)
        {
            return Decision<ManifestDeparted>.Refuse($"Only a locked manifest departs; this one is {manifest.Status}.");
        }
        var waiting = people.Count(p => p.IsPrincipal && p.Status == ManifestPersonStatuses.Listed);
        if (waiting > 0)
        {
            return Decision<ManifestDeparted>.Refuse($"{waiting} principal(s) have no boarding record (boarded, no-show or refused).");
        }
        return people.Any(p => p.Status == ManifestPersonStatuses.Boarded) ? new ManifestDeparted(manifest.Id) : Decision<ManifestDeparted>.Refuse("Nobody is aboard.");
    }
}
