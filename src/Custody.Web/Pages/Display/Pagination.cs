namespace Custody.Web.Pages.Display;

/// <summary>
/// The pages a list offers, for USWDS pagination: the first and the last, the current one with
/// its neighbours, and an ellipsis for each gap (at most seven slots, so it fits on a phone).
/// </summary>
public sealed record Pagination(int Page, int Pages, Func<int, string> Link)
{
    public static Pagination Of(int page, int total, int pageSize, Func<int, string> link) =>
        new(page, Math.Max(1, (total + pageSize - 1) / pageSize), link);

    /// <summary>Page numbers to show in order; null stands for an ellipsis.</summary>
    public IReadOnlyList<int?> Slots()
    {
        var shown = new SortedSet<int> { 1, Pages };
        for (var p = Math.Max(1, Page - 1); p <= Math.Min(Pages, Page + 1); p++)
        {
            shown.Add(p);
        }
        var slots = new List<int?>();
        var previous = 0;
        foreach (var p in shown)
        {
            if (p > previous + 1)
            {
                slots.Add(null);
            }
            slots.Add(p);
            previous = p;
        }
        return slots;
    }
}
