using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Testimonies;

/// <summary>Every campaign, open ones first, with how many testimonies its wall shows.</summary>
[AllowAnonymous]
public sealed class IndexModel(ParticipationDb db, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public sealed record Row(Campaign Campaign, int Published);

    public IReadOnlyList<Row> Open { get; private set; } = [];
    public IReadOnlyList<Row> Coming { get; private set; } = [];
    public IReadOnlyList<Row> Ended { get; private set; } = [];
    public bool MayCollect { get; private set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var rows = await db.Campaigns.AsNoTracking()
            .Select(c => new Row(c, db.Testimonies.Count(t => t.CampaignId == c.Id && t.Status == TestimonyStatus.Published && !t.HeldForSafety)))
            .ToListAsync();
        Open = rows.Where(r => r.Campaign.IsOpenAt(now)).OrderBy(r => r.Campaign.EndsAt).ToList();
        Coming = rows.Where(r => now < r.Campaign.OpensAt).OrderBy(r => r.Campaign.OpensAt).ToList();
        Ended = rows.Where(r => now >= r.Campaign.EndsAt).OrderByDescending(r => r.Campaign.EndsAt).ToList();
        MayCollect = (await authorization.AuthorizeAsync(User, TestimonyPolicies.Collect)).Succeeded;
    }
}
