using Custody.Transfers;

namespace Custody.Core.Tests.Transfers;

/// <summary>The manifest's life cycle as pure decisions, step by step and at each boundary.</summary>
public sealed class ManifestLifecycleTests
{
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
        Assert.Equal(allowed, ManifestLifecycle.RefuseAdd(status) is null);
        Assert.Equal(allowed, ManifestLifecycle.RefuseRemove(status) is null);
    }

    [Fact]
    public void AddingAgain_IsAlwaysRefused_AndARemovalIsFinal()
    {
        Assert.Contains("removal is final", ManifestLifecycle.RefuseAddAgain(Principal(ManifestPersonStatuses.Removed)), StringComparison.Ordinal);
        Assert.Contains("already on this manifest as principal", ManifestLifecycle.RefuseAddAgain(Principal()), StringComparison.Ordinal);
    }

    [Fact]
    public void Lock_NeedsADraftWithAListedPrincipal()
    {
        Assert.Null(ManifestLifecycle.RefuseLock(ManifestStatuses.Draft, [Principal(), Alternate()]));
        Assert.NotNull(ManifestLifecycle.RefuseLock(ManifestStatuses.Draft, [Alternate()]));
        Assert.NotNull(ManifestLifecycle.RefuseLock(ManifestStatuses.Draft, [Principal(ManifestPersonStatuses.Removed)]));
        Assert.NotNull(ManifestLifecycle.RefuseLock(ManifestStatuses.Draft, []));
        Assert.Equal("The manifest is already locked.", ManifestLifecycle.RefuseLock(ManifestStatuses.Locked, [Principal()]));
    }

    [Theory]
    [InlineData(null, 1000, 50, true)]
    [InlineData(300, 250, 50, true)]
    [InlineData(300, 251, 50, false)]
    [InlineData(300, 0, 301, false)]
    public void PersonCap_CountsTheCommittedAndThisManifest(int? cap, int committed, int principals, bool allowed) =>
        Assert.Equal(allowed, ManifestLifecycle.RefuseOverCap(cap, committed, principals) is null);

    [Fact]
    public void Unlock_OnlyALockedManifest_BeforeBoardingBegins()
    {
        Assert.Null(ManifestLifecycle.RefuseUnlock(ManifestStatuses.Locked, [Principal()]));
        Assert.NotNull(ManifestLifecycle.RefuseUnlock(ManifestStatuses.Draft, [Principal()]));
        Assert.NotNull(ManifestLifecycle.RefuseUnlock(ManifestStatuses.Departed, [Principal()]));
        // Boarding has begun once anyone's identity was checked, or anyone was a no-show or refused.
        Assert.NotNull(ManifestLifecycle.RefuseUnlock(ManifestStatuses.Locked, [On(ManifestRoles.Principal, ManifestPersonStatuses.Listed, "A123")]));
        Assert.NotNull(ManifestLifecycle.RefuseUnlock(ManifestStatuses.Locked, [Principal(ManifestPersonStatuses.NoShow)]));
        Assert.NotNull(ManifestLifecycle.RefuseUnlock(ManifestStatuses.Locked, [Principal(ManifestPersonStatuses.Refused)]));
    }

    [Theory]
    [InlineData(ManifestStatuses.Draft, true)]
    [InlineData(ManifestStatuses.Locked, true)]
    [InlineData(ManifestStatuses.Departed, false)]
    [InlineData(ManifestStatuses.Arrived, false)]
    public void Substitution_EndsAtDeparture(string status, bool allowed) =>
        Assert.Equal(allowed, ManifestLifecycle.RefuseSubstitution(status, Principal(), Alternate()) is null);

    [Fact]
    public void Substitution_AListedPrincipalOut_AListedAlternateIn()
    {
        Assert.NotNull(ManifestLifecycle.RefuseSubstitution(ManifestStatuses.Locked, Alternate(), Alternate()));
        Assert.NotNull(ManifestLifecycle.RefuseSubstitution(ManifestStatuses.Locked, Principal(ManifestPersonStatuses.Boarded), Alternate()));
        Assert.NotNull(ManifestLifecycle.RefuseSubstitution(ManifestStatuses.Locked, Principal(), Principal()));
        Assert.NotNull(ManifestLifecycle.RefuseSubstitution(ManifestStatuses.Locked, Principal(), Alternate(ManifestPersonStatuses.Removed)));
    }

    [Fact]
    public void Boarding_OnALockedManifest_OnlyListedPrincipals()
    {
        Assert.Null(ManifestLifecycle.RefuseBoardingStep(ManifestStatuses.Locked));
        Assert.NotNull(ManifestLifecycle.RefuseBoardingStep(ManifestStatuses.Draft));
        Assert.NotNull(ManifestLifecycle.RefuseBoardingStep(ManifestStatuses.Departed));
        Assert.Null(ManifestLifecycle.RefuseBoarding(Principal()));
        Assert.NotNull(ManifestLifecycle.RefuseBoarding(Alternate()));
        Assert.NotNull(ManifestLifecycle.RefuseBoarding(Principal(ManifestPersonStatuses.Boarded)));
    }

    [Fact]
    public void Disembarking_BeforeDeparture_OnlyTheBoarded()
    {
        Assert.Null(ManifestLifecycle.RefuseDisembarkStep(ManifestStatuses.Locked));
        Assert.NotNull(ManifestLifecycle.RefuseDisembarkStep(ManifestStatuses.Departed));
        Assert.Null(ManifestLifecycle.RefuseDisembark(Principal(ManifestPersonStatuses.Boarded)));
        Assert.NotNull(ManifestLifecycle.RefuseDisembark(Principal()));
    }

    [Fact]
    public void Departure_EveryPrincipalAccountedFor_AndSomeoneAboard()
    {
        Assert.Null(ManifestLifecycle.RefuseDeparture(ManifestStatuses.Locked, [Principal(ManifestPersonStatuses.Boarded), Principal(ManifestPersonStatuses.NoShow), Alternate()]));
        Assert.Equal("1 principal(s) have no boarding record (boarded, no-show or refused).",
            ManifestLifecycle.RefuseDeparture(ManifestStatuses.Locked, [Principal(ManifestPersonStatuses.Boarded), Principal()]));
        Assert.Equal("Nobody is aboard.", ManifestLifecycle.RefuseDeparture(ManifestStatuses.Locked, [Principal(ManifestPersonStatuses.Refused), Alternate()]));
        Assert.NotNull(ManifestLifecycle.RefuseDeparture(ManifestStatuses.Draft, [Principal(ManifestPersonStatuses.Boarded)]));
    }
}
