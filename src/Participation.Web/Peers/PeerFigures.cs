using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Safeguarding;

namespace Participation.Web.Peers;

/// <summary>The network's moderation, week by week: messages, the wait before publication, the reports.</summary>
public sealed class PeerFigures(ParticipationDb db, TimeProvider clock) : IModerationFigures
{
    public string Title => "Réseau d'entraide";

    public TimeSpan DaytimeTarget => TimeSpan.FromMinutes(30);

    public async Task<IReadOnlyList<ModerationWeek>> WeeksAsync(TimeZoneInfo zone)
    {
        // Only moments, never texts; held-for-safety messages count in the urgent cases' own figures.
        var since = clock.GetUtcNow().AddDays(-7 * ResponseTimes.WeeksShown);
        // A message waited when a moderator had to read it first: decided about, or still waiting.
        var posts = await db.PeerPosts.AsNoTracking().Where(p => p.CreatedAt > since)
            .Select(p => new { p.CreatedAt, p.ModeratedAt, Waits = p.ModeratedAt != null || p.Status == PostStatus.Pending, p.HeldForSafety })
            .ToListAsync();
        var reports = await db.PeerReports.AsNoTracking().Where(r => r.CreatedAt > since).Select(r => new { r.CreatedAt, r.HandledAt }).ToListAsync();
        // Each moment is placed in its week once; the weeks are then read from the groups.
        var postsByWeek = posts.GroupBy(p => IsoWeek.Of(p.CreatedAt, zone)).ToDictionary(g => g.Key, g => g.ToList());
        var reportsByWeek = reports.GroupBy(r => IsoWeek.Of(r.CreatedAt, zone)).ToDictionary(g => g.Key, g => g.ToList());
        return postsByWeek.Keys.Union(reportsByWeek.Keys)
            .OrderByDescending(w => w.Year).ThenByDescending(w => w.Week).Take(ResponseTimes.WeeksShown)
            .Select(week =>
            {
                var inWeek = postsByWeek.GetValueOrDefault(week) ?? [];
                var read = inWeek.Where(p => p.Waits && !p.HeldForSafety && p.ModeratedAt is not null).ToList();
                var waits = read.Select(p => Wait(p.CreatedAt, p.ModeratedAt!.Value)).ToList();
                var daytime = read.Where(p => Daytime.Contains(p.CreatedAt, zone)).Select(p => Wait(p.CreatedAt, p.ModeratedAt!.Value)).ToList();
                var reported = reportsByWeek.GetValueOrDefault(week) ?? [];
                return new ModerationWeek(
                    week, inWeek.Count, waits.Count, ResponseTimes.SpreadOf(waits), daytime.Count, ResponseTimes.SpreadOf(daytime),
                    inWeek.Count(p => p.Waits && !p.HeldForSafety && p.ModeratedAt is null),
                    reported.Count, ResponseTimes.SpreadOf(reported.Where(r => r.HandledAt is not null).Select(r => Wait(r.CreatedAt, r.HandledAt!.Value))),
                    reported.Count(r => r.HandledAt is null));
            }).ToList();
    }

    private static TimeSpan Wait(DateTimeOffset from, DateTimeOffset to) => to > from ? to - from : TimeSpan.Zero;
}
