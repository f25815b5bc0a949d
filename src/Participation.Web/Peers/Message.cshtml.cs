using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Peers;

/// <summary>Where a notification about a message leads: to its place in its thread, for those who may see it.</summary>
[Authorize]
public sealed class MessageModel(ParticipationDb db, PeerBoard board) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await board.VisiblePostAsync(id, User) is not { } post)
        {
            return NotFound();
        }
        var slug = await db.PeerCircles.Where(c => c.Id == post.CircleId).Select(c => c.Slug).SingleAsync();
        var thread = post.ThreadId ?? post.Id;
        return Redirect(post.Status == PostStatus.Published
            ? $"/entraide/cercles/{slug}/fils/{thread}#message-{post.Id}"
            : post.ThreadId is null ? $"/entraide/cercles/{slug}?envoye={post.Id}#envoye" : $"/entraide/cercles/{slug}/fils/{thread}?envoye={post.Id}#envoye");
    }
}
