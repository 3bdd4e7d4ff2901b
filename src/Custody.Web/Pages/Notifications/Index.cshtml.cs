using Custody.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custody.Web.Pages.Notifications;

/// <summary>The outbox: every notice, its deadline and delivery; overdue ones first when asked.</summary>
public sealed class IndexModel(ReadOutbox outbox, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    public IReadOnlyList<NotificationView> Notices { get; private set; } = [];

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Notices = await outbox.ListAsync(null, Overdue, Now, cancellationToken);
    }
}
