using Custody.Access;
using Custody.Common;

namespace Custody.Transfers;

/// <summary>
/// Who acknowledges which side of a hand-over (DOMAIN.md invariant 4). On a transfer the sending
/// state's escort or supervisor hands over and the receiving state's reception officer takes the
/// person; on a return the sides swap: the state that held the person (reception, facility
/// director or escort) hands over, and the sending state's officer (supervisor or escort) takes
/// them back. Escort officers work for either state.
/// </summary>
public static class HandOverSides
{
    public static IReadOnlyList<string> Dispatchers(string direction) => direction == ManifestDirections.Return
        ? [Roles.ReceptionOfficer, Roles.FacilityDirector, Roles.EscortOfficer]
        : [Roles.EscortOfficer, Roles.TransferSupervisor];

    public static IReadOnlyList<string> Receivers(string direction) => direction == ManifestDirections.Return
        ? [Roles.TransferSupervisor, Roles.EscortOfficer]
        : [Roles.ReceptionOfficer];

    /// <summary>Every role that may acknowledge one side or the other of some hand-over (the web policies).</summary>
    public static readonly IReadOnlyList<string> AllDispatchers = [.. Dispatchers(ManifestDirections.Transfer).Union(Dispatchers(ManifestDirections.Return))];

    public static readonly IReadOnlyList<string> AllReceivers = [.. Receivers(ManifestDirections.Transfer).Union(Receivers(ManifestDirections.Return))];

    /// <summary>Null when the viewer may acknowledge this side of a movement in this direction; a refusal naming who may otherwise.</summary>
    public static Forbidden? Refuse(string direction, bool receiving, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var allowed = receiving ? Receivers(direction) : Dispatchers(direction);
        // A viewer without roles is the operator's CLI or a test harness acting as the system.
        if (viewer.Roles is null || allowed.Any(viewer.Roles.Contains))
        {
            return null;
        }
        var side = receiving ? "takes the person" : "hands the person over";
        return new Forbidden($"On a {direction} movement, the official who {side} holds one of: {string.Join(", ", allowed)}.");
    }
}
