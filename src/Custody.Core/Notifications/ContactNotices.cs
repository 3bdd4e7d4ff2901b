using System.Text.Json.Nodes;
using Custody.Ledger;
using Custody.People;

namespace Custody.Notifications;

/// <summary>
/// Invariant 5: on every movement — a transfer, a release, a return, an onward transfer — the
/// person's counsel of record and designated family contact are told where the person is going,
/// each by e-mail or else telephone, in the person's language, within 24 hours.
/// </summary>
public static class ContactNotices
{
    /// <summary>The values every such notice can name about the person.</summary>
    public static Dictionary<string, string> About(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new Dictionary<string, string>
        {
            ["person"] = $"{person.GivenName} {person.FamilyName}",
            ["externalId"] = person.ExternalId,
            ["authority"] = person.FactsObject()["removalOrder"]?["authority"]?.GetValue<string>() ?? "none recorded",
        };
    }

    /// <summary>Queues the counsel and the family notice of a movement in the caller's unit of work.</summary>
    public static void Queue(UnitOfWork work, Person person, Guid? manifestId, (string Counsel, string Family) kinds, IReadOnlyDictionary<string, string> values,
        DateTime movedAt, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        var facts = person.FactsObject();
        var language = NotificationTemplates.LanguageFor(person.Languages.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        foreach (var (kind, role, contacts, flag) in new[]
        {
            (kinds.Counsel, "counsel", facts["counsel"], "ofRecord"),
            (kinds.Family, "family", facts["familyContacts"], "designated"),
        })
        {
            foreach (var contact in (contacts as JsonArray ?? []).Where(c => c?[flag]?.GetValue<bool>() == true))
            {
                var (subject, body) = NotificationTemplates.Render(kind, language, values);
                Outbox.Queue(work, new NotificationDraft(kind, person.Id, manifestId, null, role,
                    contact!["name"]!.GetValue<string>(), contact["email"]?.GetValue<string>() ?? contact["phone"]?.GetValue<string>(),
                    language, subject, body, movedAt.AddHours(24)), actor, now);
            }
        }
    }
}
