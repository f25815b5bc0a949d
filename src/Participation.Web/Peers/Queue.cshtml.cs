using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Peers;

/// <summary>
/// The moderators' queue: messages waiting to be read, oldest first, then reported ones. It grows
/// live. Messages held by an urgent case are listed first and dealt with from their case.
/// </summary>
[Authorize(Policy = PeerPolicies.Moderate)]
public sealed class QueueModel(ParticipationDb db, PeerReader reader, TimeProvider clock) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<QueueEntry> Waiting { get; private set; } = [];
    public int WaitingCount { get; private set; }
    public IReadOnlyList<QueueEntry> Reported { get; private set; } = [];
    public IReadOnlyList<QueueEntry> Urgent { get; private set; } = [];
    public TimeSpan? OldestWait { get; private set; }

    public async Task OnGetAsync()
    {
        var pending = db.PeerPosts.AsNoTracking().Where(p => p.Status == PostStatus.Pending && !p.HeldForSafety);
        WaitingCount = await pending.CountAsync();
        Waiting = await reader.QueueEntriesAsync(pending.OrderBy(p => p.CreatedAt).Take(Shown));
        Reported = await reader.QueueEntriesAsync(db.PeerPosts.AsNoTracking()
            .Where(p => db.PeerReports.Any(r => r.PostId == p.Id && r.HandledAt == null))
            .OrderBy(p => db.PeerReports.Where(r => r.PostId == p.Id && r.HandledAt == null).Min(r => r.CreatedAt)).Take(Shown));
        Urgent = await reader.QueueEntriesAsync(db.PeerPosts.AsNoTracking().Where(p => p.Status == PostStatus.Pending && p.HeldForSafety).OrderBy(p => p.CreatedAt).Take(Shown));
        OldestWait = Waiting.Count > 0 ? clock.GetUtcNow() - Waiting[0].At : null;
    }
}
