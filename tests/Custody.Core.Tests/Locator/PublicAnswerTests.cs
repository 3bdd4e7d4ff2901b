using Custody.Locator;
using Custody.Transfers;

namespace Custody.Core.Tests.Locator;

/// <summary>What the public locator may say, at its boundaries: never a fate, never a restricted person's place, released people for 60 days.</summary>
public sealed class PublicAnswerTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    private static LocatorRecord Record(string place, DateTime? since = null, bool restricted = false, string custodian = "SV") =>
        new(Guid.NewGuid(), "Ana", "Pérez", "SV", place, custodian, "US", since ?? Now.AddDays(-3), "CECOT", "Tecoluca", "+503 0000", "SV", restricted);

    [Theory]
    [InlineData(CustodyPlaces.Facility)]
    [InlineData(CustodyPlaces.Manifest)]
    [InlineData(CustodyPlaces.Hospital)]
    [InlineData(CustodyPlaces.Returned)]
    [InlineData(CustodyPlaces.TransferredOnward)]
    public void Held_IsInCustody_WithTheFacilitysContact(string place)
    {
        var answer = PublicAnswer.For(Record(place), Now, withRecordId: false)!;

        Assert.True(answer.InCustody);
        Assert.Equal(LocatorStatuses.InCustody, answer.Status);
        Assert.Equal("CECOT", answer.FacilityName);
        Assert.Equal("+503 0000", answer.FacilityTelephone);
        Assert.Null(answer.PersonId);
    }

    [Theory]
    [InlineData(CustodyPlaces.Deceased)]
    [InlineData(CustodyPlaces.AtLarge)]
    [InlineData(CustodyPlaces.CaseSystem)]
    public void DeadEscapedOrOnlyRegistered_IsNotInCustody_NamingTheAuthority_AndNothingElse(string place)
    {
        var answer = PublicAnswer.For(Record(place), Now, withRecordId: false)!;

        Assert.False(answer.InCustody);
        Assert.Equal(LocatorStatuses.NotInCustody, answer.Status);
        Assert.Equal("SV", answer.Custodian);
        Assert.Null(answer.FacilityName);
        Assert.Null(answer.FacilityAddress);
        Assert.Null(answer.HeldOnBehalfOf);
        Assert.Null(answer.Since); // the date would date the death or escape
    }

    [Theory]
    [InlineData(59, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Released_IsFoundFor60Days_ThenNoLonger(int daysAgo, bool found)
    {
        var answer = PublicAnswer.For(Record(CustodyPlaces.Released, Now.AddDays(-daysAgo)), Now, withRecordId: false);

        Assert.Equal(found, answer is { Status: LocatorStatuses.Released, InCustody: false });
        Assert.Equal(found, answer is not null);
    }

    [Theory]
    [InlineData(CustodyPlaces.Facility)]
    [InlineData(CustodyPlaces.Deceased)]
    public void Restricted_ShowsTheRestriction_NeverThePlaceNorTheFate(string place)
    {
        var answer = PublicAnswer.For(Record(place, restricted: true), Now, withRecordId: false)!;

        Assert.Null(answer.InCustody);
        Assert.Equal(LocatorStatuses.Restricted, answer.Status);
        Assert.Null(answer.FacilityName);
        Assert.Null(answer.FacilityTelephone);
    }

    [Fact]
    public void SignedInReaders_GetTheRecordId()
    {
        var record = Record(CustodyPlaces.Facility);

        Assert.Equal(record.PersonId, PublicAnswer.For(record, Now, withRecordId: true)!.PersonId);
    }
}
