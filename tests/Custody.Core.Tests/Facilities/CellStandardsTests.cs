using Custody.Facilities;
using Custody.Screening;

namespace Custody.Core.Tests.Facilities;

public sealed class CellStandardsTests
{
    private static readonly FacilityStandards Model = new();

    private static Cell Cell(decimal area = 100m, bool shared = true, int toilets = 2, int showers = 2, decimal water = 1200m) =>
        new() { Id = "x/A/01", FloorAreaM2 = area, Shared = shared, Toilets = toilets, Showers = showers, WaterLitresPerDay = water };

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    public void Check_SharedCellOf100SquareMetres_BreachesAt30Occupants(int occupants, bool breached) =>
        Assert.Equal(breached, CellStandards.Check(Cell(), occupants, Model).Any(b => b.Standard == "minFloorAreaSharedCellM2"));

    [Fact]
    public void Check_ExactlyTheMinimumArea_IsNoBreach()
    {
        Assert.Empty(CellStandards.Check(Cell(area: 34m), 10, Model));
        Assert.Single(CellStandards.Check(Cell(area: 33.99m), 10, Model));
    }

    [Fact]
    public void Check_SingleCell_UsesTheSingleCellMinimum()
    {
        Assert.Empty(CellStandards.Check(Cell(area: 5.4m, shared: false), 1, Model));
        Assert.Equal("minFloorAreaSingleCellM2", CellStandards.Check(Cell(area: 5.39m, shared: false), 1, Model).Single().Standard);
    }

    [Theory]
    [InlineData(50, 0)]
    [InlineData(51, 1)]
    public void Check_PersonsPerToilet_AtTheBoundary(int occupants, int toiletBreaches) =>
        Assert.Equal(toiletBreaches, CellStandards.Check(Cell(area: 1000m, toilets: 2, showers: 10, water: 100_000m), occupants, Model).Count(b => b.Standard == "maxPersonsPerToilet"));

    [Fact]
    public void Check_ShowersAndWater_AtTheBoundary()
    {
        Assert.Empty(CellStandards.Check(Cell(area: 1000m, toilets: 10, showers: 1, water: 750m), 50, Model));
        var breaches = CellStandards.Check(Cell(area: 1000m, toilets: 10, showers: 1, water: 750m), 51, Model).Select(b => b.Standard);
        Assert.Equal(["maxPersonsPerShower", "minWaterLitresPerPersonDay"], breaches);
    }

    [Fact]
    public void Check_NoToilet_IsABreachForAnyone() =>
        Assert.Contains(CellStandards.Check(Cell(toilets: 0), 1, Model), b => b.Standard == "maxPersonsPerToilet");
}
