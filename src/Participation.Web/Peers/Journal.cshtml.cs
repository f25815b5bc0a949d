using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>Every moderator decision in the network, newest first: what, why, by whom, and what the author read.</summary>
[Authorize(Policy = PeerPolicies.Moderate)]
public sealed class JournalModel(ParticipationDb db) : PageModel
{
    public const int PerPage = 50;

    public sealed record Line(int PostId, ModerationKind Kind, string Reason, string? Told, string By, DateTimeOffset At);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public int CurrentPage { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync()
    {
        var total = await db.PeerModerationLog.CountAsync();
        PageCount = Math.Max(1, (total + PerPage - 1) / PerPage);
        CurrentPage = Math.Min(ResultPages.Requested(Request), PageCount);
        Lines = await db.PeerModerationLog.AsNoTracking().OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((CurrentPage - 1) * PerPage).Take(PerPage)
            .Select(e => new Line(e.PostId, e.Kind, e.Reason, e.ToldAuthor,
                // Staff are named by their role on every page; the log says which role decided.
                e.ById == "" ? "depuis un cas urgent" : db.Users.Where(u => u.Id == e.ById).Select(u => u.Pseudonym).FirstOrDefault() ?? "compte supprimé", e.At))
            .ToListAsync();
    }
}
