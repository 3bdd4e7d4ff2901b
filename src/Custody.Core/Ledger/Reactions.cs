using Custody.Common;
using Custody.Persistence;

namespace Custody.Ledger;

/// <summary>
/// What must follow a kind of change, whatever path recorded it (API, page, import, CLI). The
/// ledger writer notes every entry it appends; before the unit of work commits, each reaction runs
/// once over what was noted, in the same transaction, and may append entries of its own. A
/// reaction that fails rolls the whole unit of work back, so a change never commits without the
/// effects that must follow it.
/// </summary>
public static class Reactions
{
    /// <summary>Entries appended in one unit of work, as the reactions see them: compact, so a 100,000-person import notes little.</summary>
    public sealed class Noted
    {
        /// <summary>People whose legal facts changed (court orders, facts, an imported update).</summary>
        public HashSet<Guid> LegalFactsOf { get; } = [];

        /// <summary>A change that may affect anyone's screening: a class order or an agreement's terms.</summary>
        public bool LegalFactsOfEveryone { get; set; }

        /// <summary>Who recorded the first entry noted: the actor the reactions' entries name.</summary>
        public string? Actor { get; set; }

        public bool IsEmpty => LegalFactsOf.Count == 0 && !LegalFactsOfEveryone;

        public void Clear()
        {
            LegalFactsOf.Clear();
            LegalFactsOfEveryone = false;
        }
    }

    /// <summary>Notes what an appended entry means to the reactions.</summary>
    public static void Note(Noted noted, string kind, string subject, string actor)
    {
        ArgumentNullException.ThrowIfNull(noted);
        noted.Actor ??= actor;
        switch (LegalFactScope(kind))
        {
            case Scope.Person when subject.StartsWith("person:", StringComparison.Ordinal) && Guid.TryParse(subject.AsSpan(7), out var person):
                noted.LegalFactsOf.Add(person);
                break;
            case Scope.Everyone:
                noted.LegalFactsOfEveryone = true;
                break;
        }
    }

    private enum Scope { None, Person, Everyone }

    // The kinds that change what screening decides: one person's facts, or terms and orders that reach anyone.
    private static Scope LegalFactScope(string kind) => kind switch
    {
        LedgerKinds.PersonUpdated or LedgerKinds.CourtOrderEntered or LedgerKinds.CourtOrderVerified or LedgerKinds.CourtOrderLifted
            or LedgerKinds.FactEntered or LedgerKinds.FactUpdated => Scope.Person,
        LedgerKinds.ClassOrderRecorded or LedgerKinds.ClassOrderUpdated or LedgerKinds.AgreementVersionAdded or LedgerKinds.AgreementUpdated => Scope.Everyone,
        _ => Scope.None,
    };

    /// <summary>
    /// Runs the reactions until nothing new is noted (a reaction's own entries are noted too; none of
    /// today's changes legal facts, so this ends after one round).
    /// </summary>
    internal static async Task<Failure?> RunAsync(CustodyDbContext db, LedgerWriter ledger, TimeProvider time, Noted noted, CancellationToken cancellationToken)
    {
        for (var round = 0; !noted.IsEmpty; round++)
        {
            if (round == 8)
            {
                throw new InvalidOperationException("Reactions keep triggering each other.");
            }
            IReadOnlyCollection<Guid>? people = noted.LegalFactsOfEveryone ? null : noted.LegalFactsOf.ToList();
            var actor = noted.Actor ?? "system";
            noted.Clear();
            // Anyone on a locked or moving manifest whose screening may have changed is screened again now.
            if (await Transfers.ManifestWatch.OnFactsChangedAsync(db, ledger, time, people, actor, cancellationToken) is { Failure: { } failure })
            {
                return failure;
            }
        }
        return null;
    }
}
