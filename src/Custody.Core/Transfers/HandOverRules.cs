using Custody.Access;
using Custody.Common;
using Custody.Ledger;

namespace Custody.Transfers;

/// <summary>
/// Arrival and the two-party hand-over as pure decisions: the event a step records, or why not
/// (409 in the manifest's state; 404 for someone not on it; 403 for the wrong side, per
/// <see cref="HandOverSides"/>). Whether the law allows it at that moment is screening's, after these.
/// </summary>
public static class HandOverRules
{
    public static Decision<ManifestArrived> Arrive(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Status == ManifestStatuses.Departed
            ? new ManifestArrived(manifest.Id)
            : Decision<ManifestArrived>.Refuse($"Only a departed manifest arrives; this one is {manifest.Status}.");
    }

    /// <summary>A discrepancy is recorded on arrival and hand-over, about someone on the manifest (or, for <c>extra</c> and <c>other</c>, nobody named).</summary>
    public static Decision<ManifestDiscrepancyRecorded> Discrepancy(Manifest manifest, Guid id, PersonId? person, ManifestPerson? onManifest, string kind, string note)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Status is not (ManifestStatuses.Departed or ManifestStatuses.Arrived))
        {
            return Decision<ManifestDiscrepancyRecorded>.Refuse($"Discrepancies are recorded on arrival and hand-over; the manifest is {manifest.Status}.");
        }
        return person is { } named && onManifest is null
            ? new NotFound($"Person {named} is not on manifest {manifest.Id}.")
            : new ManifestDiscrepancyRecorded(id, manifest.Id, kind, note, person?.Value);
    }

    /// <summary>The first acknowledgement: the handing-over official dispatches a boarded person.</summary>
    public static Decision<ManifestPersonDispatched> Dispatch(Manifest manifest, ManifestPerson? onManifest, PersonId person, Viewer official)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(official);
        return Acknowledgement(manifest, onManifest, person, ManifestPersonStatuses.Boarded) is { } refused ? refused.As<ManifestPersonDispatched>()
            : HandOverSides.Refuse(manifest.Direction, receiving: false, official) is { } wrongSide ? wrongSide
            : new ManifestPersonDispatched(manifest.Id, person);
    }

    /// <summary>The second acknowledgement, by another official of the side taking the person: custody passes.</summary>
    public static Decision<ManifestPersonReceived> Receive(Manifest manifest, ManifestPerson? onManifest, PersonId person, Viewer official)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(official);
        if (Acknowledgement(manifest, onManifest, person, ManifestPersonStatuses.Dispatched) is { } refused)
        {
            return refused.As<ManifestPersonReceived>();
        }
        if (HandOverSides.Refuse(manifest.Direction, receiving: true, official) is { } wrongSide)
        {
            return wrongSide;
        }
        return onManifest!.DispatchedBy == official.Actor
            ? Decision<ManifestPersonReceived>.Refuse("The same official cannot acknowledge both sides of a hand-over; a receiving official must acknowledge.")
            : new ManifestPersonReceived(manifest.Id, person);
    }

    /// <summary>
    /// An acknowledgement happens after arrival and needs the person in the state before it (boarded
    /// to be dispatched, dispatched to be received); a person whose return is required is never
    /// handed over on the movement that brought them, only on a return.
    /// </summary>
    private static Refused? Acknowledgement(Manifest manifest, ManifestPerson? onManifest, PersonId person, string expected)
    {
        if (manifest.Status != ManifestStatuses.Arrived)
        {
            return new Refused($"Hand-over happens after arrival; the manifest is {manifest.Status}.", null);
        }
        if (onManifest is null)
        {
            return new Refused(null, new NotFound($"Person {person} is not on manifest {manifest.Id}."));
        }
        if (onManifest.Alert == ManifestAlerts.ReturnRequired && !manifest.IsReturn)
        {
            return new Refused($"Return required ({onManifest.AlertReasons}): this person may not be handed over.", null);
        }
        return onManifest.Status == expected ? null : new Refused($"This acknowledgement needs the person {expected}; they are {onManifest.Status}.", null);
    }

    private sealed record Refused(string? Refusal, Failure? Failure)
    {
        public Decision<T> As<T>()
            where T : class, ILedgerEvent<T> => Failure is null ? Decision<T>.Refuse(Refusal!) : Decision<T>.Fail(Failure);
    }
}
