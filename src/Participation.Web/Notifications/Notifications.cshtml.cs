using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Notifications;

public sealed record NotificationItem(long Id, string Text, bool Opens, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, int? Step = null, int? StepCount = null);

[Authorize]
public sealed class NotificationsModel(ParticipationDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<NotificationItem> Items { get; private set; } = [];

    private string MemberId => Actor.From(User).MemberId!;

    /// <summary>The list; or, with an id, opens that notification's page (a proposal, a case) and marks it read.</summary>
    public async Task<IActionResult> OnGetAsync(long? id)
    {
        if (id is { } opened)
        {
            var target = await db.Notifications.Where(n => n.Id == opened && n.MemberId == MemberId).Select(n => new { n.ProposalId, n.Link }).SingleOrDefaultAsync();
            // Only pages of this site: a link is always a local path.
            var link = target?.Link is { } local && Url.IsLocalUrl(local) ? local : null;
            if (target is null || (target.ProposalId is null && link is null))
            {
                return NotFound();
            }
            var now = clock.GetUtcNow();
            await db.Notifications.Where(n => n.Id == opened && n.ReadAt == null).ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now));
            return Redirect(link ?? $"/propositions/{target.ProposalId}#parcours");
        }
        Items = await db.Notifications.Where(n => n.MemberId == MemberId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(100)
            .Select(n => new NotificationItem(n.Id, n.Text, n.ProposalId != null || n.Link != null, n.CreatedAt, n.ReadAt, n.Step, n.StepCount))
            .ToListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.MemberId == MemberId && n.ReadAt == null).ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now));
        return RedirectToPage(new { id = (long?)null });
    }
}
