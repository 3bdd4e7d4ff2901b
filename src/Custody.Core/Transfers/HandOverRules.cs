namespace Custody.Transfers;

/// <summary>
/// Arrival and the two-party hand-over as pure decisions: whether the step may happen, and if not,
/// why (409). Which side may acknowledge is <see cref="HandOverSides"/>; whether the law allows it
/// at that moment is screening's, after these.
/// </summary>
public static class HandOverRules
{
    public static string? RefuseArrival(string status) =>
        status == ManifestStatuses.Departed ? null : $"Only a departed manifest arrives; this one is {status}.";

    public static string? RefuseDiscrepancy(string status) =>
        status is ManifestStatuses.Departed or ManifestStatuses.Arrived ? null : $"Discrepancies are recorded on arrival and hand-over; the manifest is {status}.";

    public static string? RefuseHandOverStep(string status) =>
        status == ManifestStatuses.Arrived ? null : $"Hand-over happens after arrival; the manifest is {status}.";

    /// <summary>
    /// An acknowledgement needs the person in the state before it (boarded to be dispatched,
    /// dispatched to be received); a person whose return is required is never handed over on the
    /// movement that brought them, only on a return.
    /// </summary>
    public static string? RefuseAcknowledgement(ManifestPerson person, bool onAReturn, string expected)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Alert == ManifestAlerts.ReturnRequired && !onAReturn)
        {
            return $"Return required ({person.AlertReasons}): this person may not be handed over.";
        }
        return person.Status == expected ? null : $"This acknowledgement needs the person {expected}; they are {person.Status}.";
    }

    /// <summary>Two parties: the official who dispatched a person cannot also receive them.</summary>
    public static string? RefuseSameOfficial(ManifestPerson person, string receiver)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.DispatchedBy == receiver
            ? "The same official cannot acknowledge both sides of a hand-over; a receiving official must acknowledge."
            : null;
    }
}
