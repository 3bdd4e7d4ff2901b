using Custody.Common;

namespace Custody.Ledger;

/// <summary>
/// What must follow a kind of change, whatever path recorded it (API, page, import, CLI, a future
/// peer node). The unit of work notes every event it records; before it commits, each reaction
/// runs once over what was noted, in the same transaction, and may record events of its own. A
/// reaction that fails rolls the whole unit of work back, so a change never commits without the
/// effects that must follow it.
/// </summary>
public static class Reactions
{
    /// <summary>What the reactions need to know of the events recorded: compact, so a 100,000-person import notes little.</summary>
    public sealed class Noted
    {
        /// <summary>People whose legal facts changed (<see cref="IChangesLegalFacts"/>).</summary>
        public HashSet<Guid> LegalFactsOf { get; } = [];

        /// <summary>A change that may affect anyone's screening: a class order or an agreement's terms.</summary>
        public bool LegalFactsOfEveryone { get; set; }

        /// <summary>Who recorded the first event noted: the actor the reactions' entries name.</summary>
        public string? Actor { get; set; }

        public bool IsEmpty => LegalFactsOf.Count == 0 && !LegalFactsOfEveryone;

        public void Clear()
        {
            LegalFactsOf.Clear();
            LegalFactsOfEveryone = false;
        }
    }

    /// <summary>Notes what a recorded event means to the reactions subscribed to its type.</summary>
    public static void Note(Noted noted, ILedgerEvent change, string actor)
    {
        ArgumentNullException.ThrowIfNull(noted);
        if (change is IChangesLegalFacts legal)
        {
            noted.Actor ??= actor;
            if (legal.LegalFactsOf is { } person)
            {
                noted.LegalFactsOf.Add(person);
            }
            else
            {
                noted.LegalFactsOfEveryone = true;
            }
        }
    }

    /// <summary>
    /// Runs the reactions until nothing new is noted (a reaction's own events are noted too; none of
    /// today's changes legal facts, so this ends after one round).
    /// </summary>
    internal static async Task<Failure?> RunAsync(UnitOfWork work, Noted noted, CancellationToken cancellationToken)
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
            // Subscribed to IChangesLegalFacts: anyone on a locked or moving manifest whose screening may have changed is screened again now.
            if (await Transfers.ManifestWatch.OnFactsChangedAsync(work, people, actor, cancellationToken) is { Failure: { } failure })
            {
                return failure;
            }
        }
        return null;
    }
}
