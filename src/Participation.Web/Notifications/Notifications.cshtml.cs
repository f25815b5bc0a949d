using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Notifications;

public sealed record NotificationItem(long Id, string Text, int? ProposalId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

[Authorize]
public sealed class NotificationsModel(ParticipationDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<NotificationItem> Items { get; private set; } = [];

    private string MemberId => Actor.From(User).MemberId!;

    /// <summary>The list; or, with an id, opens that notification's proposal and marks it read.</summary>
    public async Task<IActionResult> OnGetAsync(long? id)
    {
        if (id is { } opened)
        {
            var proposalId = await db.Notifications.Where(n => n.Id == opened && n.MemberId == MemberId).Select(n => n.ProposalId).SingleOrDefaultAsync();
            if (proposalId is null)
            {
                return NotFound();
            }
            var now = clock.GetUtcNow();
            await db.Notifications.Where(n => n.Id == opened && n.ReadAt == null).ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now));
            return Redirect($"/propositions/{proposalId}#parcours");
        }
        Items = await db.Notifications.Where(n => n.MemberId == MemberId)
            .OrderByDescending(n => n.Id).Take(100)
            .Select(n => new NotificationItem(n.Id, n.Text, n.ProposalId, n.CreatedAt, n.ReadAt))
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
