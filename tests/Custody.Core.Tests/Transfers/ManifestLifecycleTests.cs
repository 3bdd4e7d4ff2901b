using Custody.Common;
using Custody.Transfers;

namespace Custody.Core.Tests.Transfers;

/// <summary>The manifest's life cycle as pure decisions, step by step and at each boundary: the event each step records, or why not.</summary>
public sealed class ManifestLifecycleTests
{
    private static readonly PersonId Someone = new(Guid.NewGuid());

    private static Manifest In(string status) => new() { Id = Guid.NewGuid(), Status = status };

    private static ManifestPerson On(string role, string status, string? identityChecked = null) =>
        new() { PersonId = Guid.NewGuid(), Role = role, Status = status, IdentityCheckedAgainst = identityChecked };

    private static ManifestPerson Principal(string status = ManifestPersonStatuses.Listed) => On(ManifestRoles.Principal, status);

    private static ManifestPerson Alternate(string status = ManifestPersonStatuses.Listed) => On(ManifestRoles.Alternate, status);

    [Theory]
    [InlineData(ManifestStatuses.Draft, true)]
    [InlineData(ManifestStatuses.Locked, false)]
    [InlineData(ManifestStatuses.Departed, false)]
    [InlineData(ManifestStatuses.Arrived, false)]
    public void PeopleAreAddedAndRemoved_OnlyOnADraft(string status, bool allowed)
    {
        var manifest = In(status);

        var added = ManifestLifecycle.Add(manifest, null, Someone, ManifestRoles.Alternate);
        var removed = ManifestLifecycle.Remove(manifest, Principal(), Someone, "ill");

        Assert.Equal(allowed, added.Allowed);
        Assert.Equal(allowed, removed.Allowed);
        Assert.Equal(allowed ? null : status, added.Refusal is null ? null : status);
        if (allowed)
        {
            Assert.Equal(new ManifestPersonAdded(manifest.Id, Someone, ManifestRoles.Alternate), added.Change);
            Assert.Equal(new ManifestPersonRemoved(manifest.Id, Someone, "ill"), removed.Change);
        }
    }

    [Fact]
    public void AddingAgain_IsAlwaysRefused_AndARemovalIsFinal()
    {
        Assert.Contains("removal is final", ManifestLifecycle.Add(In(ManifestStatuses.Draft), Principal(ManifestPersonStatuses.Removed), Someone, ManifestRoles.Principal).Refusal,
            StringComparison.Ordinal);
        Assert.Contains("already on this manifest as principal", ManifestLifecycle.Add(In(ManifestStatuses.Draft), Principal(), Someone, ManifestRoles.Principal).Refusal,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_SomeoneNotListed_IsNotFound_NotARefusal()
    {
        var notListed = ManifestLifecycle.Remove(In(ManifestStatuses.Draft), Principal(ManifestPersonStatuses.Removed), Someone, "why");
        var absent = ManifestLifecycle.Remove(In(ManifestStatuses.Draft), null, Someone, "why");

        Assert.IsType<NotFound>(notListed.Failure);
        Assert.IsType<NotFound>(absent.Failure);
        Assert.Null(absent.Refusal);
    }

    [Fact]
    public void Lock_NeedsADraftWithAListedPrincipal()
    {
        var draft = In(ManifestStatuses.Draft);

        Assert.Equal(new ManifestLocked(draft.Id), ManifestLifecycle.Lock(draft, [Principal(), Alternate()], null).Change);
        Assert.NotNull(ManifestLifecycle.Lock(draft, [Alternate()], null).Refusal);
        Assert.NotNull(ManifestLifecycle.Lock(draft, [Principal(ManifestPersonStatuses.Removed)], null).Refusal);
        Assert.NotNull(ManifestLifecycle.Lock(draft, [], null).Refusal);
        Assert.Equal("The manifest is already locked.", ManifestLifecycle.Lock(In(ManifestStatuses.Locked), [Principal()], null).Refusal);
    }

    [Theory]
    [InlineData(null, 1000, 50, true)]
    [InlineData(300, 250, 50, true)]
    [InlineData(300, 251, 50, false)]
    [InlineData(300, 0, 301, false)]
    public void PersonCap_CountsTheCommittedAndThisManifest(int? cap, int committed, int principals, bool allowed)
    {
        var people = Enumerable.Range(0, principals).Select(_ => Principal()).ToList();

        var locked = ManifestLifecycle.Lock(In(ManifestStatuses.Draft), people, cap is { } limit ? new PersonCap(limit, committed) : null);

        Assert.Equal(allowed, locked.Allowed);
        Assert.Equal(allowed, locked.Refusal is null);
    }

    [Fact]
    public void Unlock_OnlyALockedManifest_BeforeBoardingBegins()
    {
        var locked = In(ManifestStatuses.Locked);

        Assert.Equal(new ManifestUnlocked(locked.Id, "wrong flight"), ManifestLifecycle.Unlock(locked, [Principal()], "wrong flight").Change);
        Assert.NotNull(ManifestLifecycle.Unlock(In(ManifestStatuses.Draft), [Principal()], "r").Refusal);
        Assert.NotNull(ManifestLifecycle.Unlock(In(ManifestStatuses.Departed), [Principal()], "r").Refusal);
        // Boarding has begun once anyone's identity was checked, or anyone was a no-show or refused.
        Assert.NotNull(ManifestLifecycle.Unlock(locked, [On(ManifestRoles.Principal, ManifestPersonStatuses.Listed, "A123")], "r").Refusal);
        Assert.NotNull(ManifestLifecycle.Unlock(locked, [Principal(ManifestPersonStatuses.NoShow)], "r").Refusal);
        Assert.NotNull(ManifestLifecycle.Unlock(locked, [Principal(ManifestPersonStatuses.Refused)], "r").Refusal);
    }

    [Theory]
    [InlineData(ManifestStatuses.Draft, true)]
    [InlineData(ManifestStatuses.Locked, true)]
    [InlineData(ManifestStatuses.Departed, false)]
    [InlineData(ManifestStatuses.Arrived, false)]
    public void Substitution_EndsAtDeparture(string status, bool allowed)
    {
        var (outgoing, incoming) = (Principal(), Alternate());
        var manifest = In(status);

        var substituted = ManifestLifecycle.Substitute(manifest, outgoing, incoming, new PersonId(outgoing.PersonId), new PersonId(incoming.PersonId), "sick");

        Assert.Equal(allowed ? new ManifestSubstituted(manifest.Id, outgoing.PersonId, incoming.PersonId, "sick") : null, substituted.Change);
    }

    [Fact]
    public void Substitution_AListedPrincipalOut_AListedAlternateIn()
    {
        static string? Refusal(ManifestPerson outgoing, ManifestPerson incoming) =>
            ManifestLifecycle.Substitute(In(ManifestStatuses.Locked), outgoing, incoming, new PersonId(outgoing.PersonId), new PersonId(incoming.PersonId), "r").Refusal;

        Assert.NotNull(Refusal(Alternate(), Alternate()));
        Assert.NotNull(Refusal(Principal(ManifestPersonStatuses.Boarded), Alternate()));
        Assert.NotNull(Refusal(Principal(), Principal()));
        Assert.NotNull(Refusal(Principal(), Alternate(ManifestPersonStatuses.Removed)));
        Assert.IsType<NotFound>(ManifestLifecycle.Substitute(In(ManifestStatuses.Locked), Principal(), null, Someone, Someone, "r").Failure);
    }

    [Fact]
    public void Boarding_OnALockedManifest_OnlyListedPrincipals()
    {
        var locked = In(ManifestStatuses.Locked);

        Assert.Equal(new ManifestBoardingRecorded(locked.Id, Someone, ManifestPersonStatuses.Boarded, "A1", null),
            ManifestLifecycle.Board(locked, Principal(), Someone, ManifestPersonStatuses.Boarded, "A1", null).Change);
        // The identifier is kept only for someone who boarded.
        Assert.Equal(new ManifestBoardingRecorded(locked.Id, Someone, ManifestPersonStatuses.NoShow, null, "absent"),
            ManifestLifecycle.Board(locked, Principal(), Someone, ManifestPersonStatuses.NoShow, "A1", "absent").Change);
        Assert.NotNull(ManifestLifecycle.Board(In(ManifestStatuses.Draft), Principal(), Someone, ManifestPersonStatuses.Boarded, "A1", null).Refusal);
        Assert.NotNull(ManifestLifecycle.Board(In(ManifestStatuses.Departed), Principal(), Someone, ManifestPersonStatuses.Boarded, "A1", null).Refusal);
        Assert.NotNull(ManifestLifecycle.Board(locked, Alternate(), Someone, ManifestPersonStatuses.Boarded, "A1", null).Refusal);
        Assert.NotNull(ManifestLifecycle.Board(locked, Principal(ManifestPersonStatuses.Boarded), Someone, ManifestPersonStatuses.Boarded, "A1", null).Refusal);
        Assert.IsType<NotFound>(ManifestLifecycle.Board(locked, null, Someone, ManifestPersonStatuses.Boarded, "A1", null).Failure);
    }

    [Fact]
    public void Disembarking_BeforeDeparture_OnlyTheBoarded()
    {
        var locked = In(ManifestStatuses.Locked);

        Assert.Equal(new ManifestPersonDisembarked(locked.Id, Someone, "stay"), ManifestLifecycle.Disembark(locked, Principal(ManifestPersonStatuses.Boarded), Someone, "stay").Change);
        Assert.NotNull(ManifestLifecycle.Disembark(In(ManifestStatuses.Departed), Principal(ManifestPersonStatuses.Boarded), Someone, "stay").Refusal);
        Assert.NotNull(ManifestLifecycle.Disembark(locked, Principal(), Someone, "stay").Refusal);
    }

    [Fact]
    public void Departure_EveryPrincipalAccountedFor_AndSomeoneAboard()
    {
        var locked = In(ManifestStatuses.Locked);

        Assert.Equal(new ManifestDeparted(locked.Id),
            ManifestLifecycle.Depart(locked, [Principal(ManifestPersonStatuses.Boarded), Principal(ManifestPersonStatuses.NoShow), Alternate()]).Change);
        Assert.Equal("1 principal(s) have no boarding record (boarded, no-show or refused).",
            ManifestLifecycle.Depart(locked, [Principal(ManifestPersonStatuses.Boarded), Principal()]).Refusal);
        Assert.Equal("Nobody is aboard.", ManifestLifecycle.Depart(locked, [Principal(ManifestPersonStatuses.Refused), Alternate()]).Refusal);
        Assert.NotNull(ManifestLifecycle.Depart(In(ManifestStatuses.Draft), [Principal(ManifestPersonStatuses.Boarded)]).Refusal);
    }
}
