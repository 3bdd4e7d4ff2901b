using Custody.Notifications;

namespace Custody.Transfers;

/// <summary>Where invariant-6 reports go: an authority independent of the custodian, and how long each notice may take.</summary>
public sealed class IncidentOptions
{
    public string IndependentAuthorityName { get; set; } = "Independent monitor";

    public string? IndependentAuthorityAddress { get; set; }

    public int ReportDeadlineHours { get; set; } = 24;

    public int NextOfKinDeadlineHours { get; set; } = 24;

    /// <summary>Where a sending state is told of incidents concerning people held on its behalf, by state code; a state with none is still queued and fails visibly.</summary>
    public Dictionary<string, string> SendingStateAddresses { get; set; } = [];

    /// <summary>
    /// A notice to the independent authority, rendered from its template in English (the one language
    /// every report to it is written in) and addressed: incident reports, referred complaints, overdue requests.
    /// </summary>
    public NotificationDraft ToIndependentAuthority(string kind, IReadOnlyDictionary<string, string> values, Guid? personId, DateTime? dueBy,
        Guid? manifestId = null, Guid? incidentId = null)
    {
        var (subject, body) = NotificationTemplates.Render(kind, "en", values);
        return new(kind, personId, manifestId, incidentId, "independent-authority", IndependentAuthorityName, IndependentAuthorityAddress, "en", subject, body, dueBy);
    }
}
