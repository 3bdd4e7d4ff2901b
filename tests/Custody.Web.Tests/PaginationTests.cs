using Custody.Web.Pages.Display;

namespace Custody.Web.Tests;

/// <summary>The list pages' USWDS pagination: which page numbers it offers, and the People list through the pipeline.</summary>
public sealed class PaginationTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Theory]
    [InlineData(1, 1, "1")]
    [InlineData(1, 2, "1 2")]
    [InlineData(1, 3, "1 2 3")]
    [InlineData(1, 9, "1 2 … 9")]
    [InlineData(3, 9, "1 2 3 4 … 9")]
    [InlineData(4, 9, "1 … 3 4 5 … 9")]
    [InlineData(7, 9, "1 … 6 7 8 9")]
    [InlineData(9, 9, "1 … 8 9")]
    public void Slots_AreTheEnds_TheCurrentPageAndItsNeighbours_WithAnEllipsisForEachGap(int page, int pages, string expected)
    {
        var slots = new Pagination(page, pages, p => "?pageNumber=" + p).Slots();

        Assert.Equal(expected, string.Join(" ", slots.Select(s => s?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…")));
    }

    [Theory]
    [InlineData(0, 50, 1)]
    [InlineData(50, 50, 1)]
    [InlineData(51, 50, 2)]
    public void Pages_CountsAPartPageAsAPage(int total, int pageSize, int pages) => Assert.Equal(pages, Pagination.Of(1, total, pageSize, _ => "").Pages);

    [Fact]
    public async Task PeopleList_OffersItsPages_MarksTheCurrentOne_AndOffersNoneForASinglePage()
    {
        var client = await factory.SignedInAsync(Roles.CaseOfficer);

        var first = await client.GetStringAsync("/People");
        var second = await client.GetStringAsync("/People?pageNumber=2");

        Assert.Contains("class=\"usa-pagination\"", first, StringComparison.Ordinal);
        Assert.Contains("class=\"usa-pagination__button usa-current\" aria-label=\"Page 1\" aria-current=\"page\">1</a>", first, StringComparison.Ordinal);
        Assert.Contains("href=\"?pageNumber=2\" class=\"usa-pagination__link usa-pagination__next-page\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("usa-pagination__previous-page", first, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\">2</a>", second, StringComparison.Ordinal);
        Assert.Contains("href=\"?pageNumber=1\" class=\"usa-pagination__link usa-pagination__previous-page\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("usa-pagination", await client.GetStringAsync("/People?q=DEMO-HELD-1"), StringComparison.Ordinal);
    }
}
