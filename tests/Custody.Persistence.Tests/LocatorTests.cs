using Custody.Demo;
using Custody.Locator;
using Microsoft.Extensions.Time.Testing;

namespace Custody.Persistence.Tests;

public sealed class LocatorTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Find_HandedOverAdult_WithTheFacility_ButNoMinor(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var (db, people) = await RegisterTests.AdmittedAsync(database, time, 1);
        await using var owned = db;
        await Samples.ImportOkAsync(db, EligiblePerson.Bundle([EligiblePerson.Create("MINOR-1", "Niña", "Pérez", "2010-05-05")]));
        var locator = new FindInLocator(db, time);

        var found = (await locator.FindAsync(new LocatorQuery("ar-00", null, null, "sv"), withRecordIds: true)).Value!;
        var byName = (await locator.FindAsync(new LocatorQuery(null, "ANA", "perez", "SV"))).Value!;
        var minor = (await locator.FindAsync(new LocatorQuery(null, "nina", "perez", "SV"))).Value!;

        var result = Assert.Single(found);
        Assert.Equal(people[0], result.PersonId);
        Assert.Equal("Prison", result.FacilityName);
        Assert.Equal("US", result.HeldOnBehalfOf);
        Assert.True(result.InCustody);
        Assert.Equal(DateTimeKind.Utc, result.Since!.Value.Kind);
        Assert.Single(byName);
        Assert.Null(byName[0].PersonId);
        Assert.Empty(minor);
    }
}
