using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Peers;

/// <summary>The network explained to everyone: what it is, its rules, the numbers to call, and its circles.</summary>
[AllowAnonymous]
public sealed class IndexModel(ParticipationDb db, PeerBoard board, PeerLibrary library) : PageModel
{
    public sealed record CircleRow(Circle Circle, int Threads, DateTimeOffset? LastActivity, bool Open);

    public IReadOnlyList<CircleRow> Circles { get; private set; } = [];
    public PeerStanding Standing { get; private set; } = PeerStanding.Outside;
    public bool SignedIn { get; private set; }
    public Content.ContentPage Rules => library.Rules;
    public int Adopted { get; private set; }

    public async Task OnGetAsync()
    {
        SignedIn = User.Identity?.IsAuthenticated == true;
        Standing = await board.StandingAsync(User);
        var rows = await db.PeerCircles.AsNoTracking()
            .Select(c => new
            {
                Circle = c,
                Threads = db.PeerPosts.Count(p => p.CircleId == c.Id && p.ThreadId == null && p.Status == PostStatus.Published),
                Last = db.PeerPosts.Where(p => p.CircleId == c.Id && p.ThreadId == null && p.Status == PostStatus.Published).Max(p => (DateTimeOffset?)p.LastActivityAt),
            })
            .ToListAsync();
        Circles = rows.Select(r => new CircleRow(r.Circle, r.Threads, r.Last, Standing.MayRead(r.Circle)))
            .OrderBy(r => r.Circle.Audience).ThenByDescending(r => r.Circle.General).ThenBy(r => r.Circle.Name).ToList();
        Adopted = await db.PeerActions.CountAsync(a => a.Status == PeerActionStatus.Adopted || a.Status == PeerActionStatus.Started || a.Status == PeerActionStatus.Done);
    }
}
