using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Peers;

/// <summary>The public roadmap: actions the Conseil des jeunes adopted, where each stands, and who carries it.</summary>
[AllowAnonymous]
public sealed class RoadmapModel(ParticipationDb db) : PageModel
{
    public sealed record Line(PeerAction Action, string Circle, Audience Audience);

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public async Task OnGetAsync() =>
        Lines = (await db.PeerActions.AsNoTracking()
                .Where(a => a.Status == PeerActionStatus.Adopted || a.Status == PeerActionStatus.Started || a.Status == PeerActionStatus.Done)
                .Join(db.PeerCircles, a => a.CircleId, c => c.Id, (a, c) => new Line(a, c.Name, c.Audience))
                .ToListAsync())
            .OrderBy(l => l.Action.Status == PeerActionStatus.Done).ThenByDescending(l => l.Action.DecidedAt).ToList();
}
