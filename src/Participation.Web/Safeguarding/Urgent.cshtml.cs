using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Safeguarding;

/// <summary>The urgent queue: every open case, those no one has opened first; new ones arrive live.</summary>
[Authorize(Policy = SafeguardingPolicies.Watch)]
public sealed class UrgentModel(ParticipationDb db, Microsoft.Extensions.Options.IOptions<SafeguardingOptions> options) : PageModel
{
    /// <summary>After how many minutes an unopened case is escalated, as set.</summary>
    public int EscalateMinutes => (int)Math.Round(options.Value.EscalateAfter.TotalMinutes);

    public const int Shown = 200;

    public IReadOnlyList<CaseSummary> Open { get; private set; } = [];

    public int OpenCount { get; private set; }
    public IReadOnlyList<CaseSummary> RecentlyClosed { get; private set; } = [];

    public async Task OnGetAsync()
    {
        // Unopened cases first, whatever their number: a burst of new cases never pushes an older unopened one off the page.
        var open = await db.SafetyCases.AsNoTracking().Where(c => c.Status == CaseStatus.Open)
            .OrderBy(c => c.FirstSeenAt != null).ThenByDescending(c => c.FlaggedAt).Take(Shown).ToListAsync();
        Open = open.Select(SafetyCases.Summary).ToList();
        OpenCount = open.Count < Shown ? open.Count : await db.SafetyCases.CountAsync(c => c.Status == CaseStatus.Open);
        RecentlyClosed = (await db.SafetyCases.AsNoTracking().Where(c => c.Status == CaseStatus.Closed).OrderByDescending(c => c.ClosedAt).Take(20).ToListAsync())
            .Select(SafetyCases.Summary).ToList();
    }
}
