using System.Globalization;
using Participation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

public sealed record Breakdown(string Id, string Title, string Dimension, IReadOnlyList<Figure> Figures)
{
    public int Total => Figures.Sum(f => f.Count);
}

/// <summary>Proposals month by month, one series per origin, and the share of the period's proposals that reached each step.</summary>
public sealed record ObservatoryTrend(IReadOnlyList<string> Months, IReadOnlyList<TrendSeries> PerOrigin, IReadOnlyList<Figure> Reached);

public sealed record ObservatoryReport(DateOnly From, DateOnly To, int Total, IReadOnlyList<Breakdown> Breakdowns, ObservatoryTrend Trend);

/// <summary>The observatory's (ODPE) figures on proposals received over a period.</summary>
public sealed class Observatory(ParticipationDb db)
{
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly from, DateOnly to) =>
        (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>
    /// The proposals received in the period. One held for a young person's safety is left out for
    /// those who do not watch over safety, as on the triage board: not even its date or theme.
    /// </summary>
    private IQueryable<Proposal> InPeriod(DateOnly from, DateOnly to, bool hideHeld)
    {
        var (start, end) = Bounds(from, to);
        return db.Proposals.Where(p => p.CreatedAt >= start && p.CreatedAt < end && (!hideHeld || !p.HeldForSafety));
    }

    public async Task<ObservatoryReport> ReportAsync(DateOnly from, DateOnly to, bool hideHeld = false)
    {
        var period = InPeriod(from, to, hideHeld);
        var total = await period.CountAsync();

        var byChannel = await period.GroupBy(p => p.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var byStatus = await period.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var byThemes = await period.GroupBy(p => p.Themes).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var byBands = await period.GroupBy(p => p.AgeBands).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();

        var nodes = await db.PlanNodes.Where(n => n.Plan!.IsPrimary).Select(n => new { n.Id, n.ParentId, n.Code, n.Title }).ToListAsync();
        var byId = nodes.ToDictionary(n => n.Id);
        int RootOf(int id)
        {
            while (byId[id].ParentId is { } parent)
            {
                id = parent;
            }
            return id;
        }
        var links = await period.SelectMany(p => p.PlanLinks.Select(l => new { l.ProposalId, l.PlanNodeId })).ToListAsync();
        var perRoot = links.Where(l => byId.ContainsKey(l.PlanNodeId))
            .Select(l => new { l.ProposalId, Root = RootOf(l.PlanNodeId) })
            .Distinct()
            .GroupBy(x => x.Root)
            .ToDictionary(g => g.Key, g => g.Count());
        var roots = nodes.Where(n => n.ParentId is null).OrderBy(n => n.Code, StringComparer.Ordinal).ToList();
        var unlinked = total - await period.CountAsync(p => p.PlanLinks.Any());

        var trend = await TrendAsync(period, from, to);
        return new ObservatoryReport(from, to, total,
        [
            new("origine", "Par origine", "Origine", Vocabulary.Channels.Select(c => new Figure(c.Label(), byChannel.SingleOrDefault(x => x.Key == c)?.Count ?? 0)).ToList()),
            new("theme", "Par thème", "Thème", Themes.All.Select(t => new Figure(t.Label(), byThemes.Where(x => x.Key.HasFlag(t)).Sum(x => x.Count))).ToList()),
            new("age", "Par tranche d'âge", "Tranche d'âge", [
                .. AgeBands.All.Select(b => new Figure(b.Label(), byBands.Where(x => x.Key.HasFlag(b.ToSet())).Sum(x => x.Count))),
                new Figure("adultes ou âge non précisé", byBands.Where(x => x.Key == AgeBandSet.None).Sum(x => x.Count)),
            ]),
            new("statut", "Par statut", "Statut", Enum.GetValues<ProposalStatus>().Select(s => new Figure(s.Label(), byStatus.SingleOrDefault(x => x.Key == s)?.Count ?? 0)).ToList()),
            new("orientation", "Par orientation du schéma", "Orientation", [
                .. roots.Select(r => new Figure($"{r.Code}. {r.Title}", perRoot.GetValueOrDefault(r.Id))),
                new Figure("pas encore reliées au schéma", unlinked),
            ]),
        ], trend);
    }

    /// <summary>
    /// Month by month (Paris months) and per origin; and how many of the period's proposals reached
    /// each step of the road, whatever became of them afterwards.
    /// </summary>
    private async Task<ObservatoryTrend> TrendAsync(IQueryable<Proposal> period, DateOnly from, DateOnly to)
    {
        var first = new DateOnly(from.Year, from.Month, 1);
        var months = new List<DateOnly>();
        for (var month = first; month <= to; month = month.AddMonths(1))
        {
            months.Add(month);
        }
        var received = await period.Select(p => new { p.CreatedAt, p.Channel }).ToListAsync();
        int MonthIndex(DateTimeOffset at)
        {
            var local = FrenchDates.ToParis(at);
            return Math.Clamp((local.Year - first.Year) * 12 + local.Month - first.Month, 0, months.Count - 1);
        }
        var perOrigin = Vocabulary.Channels.Select(channel =>
        {
            var counts = new int[months.Count];
            foreach (var p in received.Where(p => p.Channel == channel))
            {
                counts[MonthIndex(p.CreatedAt)]++;
            }
            return new TrendSeries(channel.Label(), counts);
        }).Where(s => s.Counts.Sum() > 0).ToList();

        // Counted in the database: a year of proposals has several steps each.
        var reachedBy = await db.ProposalEvents.Where(e => e.ToStatus != null && period.Any(p => p.Id == e.ProposalId))
            .GroupBy(e => e.ToStatus)
            .Select(g => new { Step = g.Key, Count = g.Select(e => e.ProposalId).Distinct().Count() })
            .ToListAsync();
        var reached = Lifecycle.Road.Select(step => new Figure(step.Label(),
            step == ProposalStatus.Deposited ? received.Count : reachedBy.SingleOrDefault(r => r.Step == step)?.Count ?? 0)).ToList();
        return new ObservatoryTrend(months.Select(m => FrenchDates.MonthYear(m)).ToList(), perOrigin, reached);
    }

    /// <summary>One line per proposal of the period, without any author: the observatory works on anonymous data.</summary>
    public async Task WriteCsvAsync(DateOnly from, DateOnly to, TextWriter output, bool hideHeld = false)
    {
        var rows = await InPeriod(from, to, hideHeld).OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.CreatedAt, p.Status, p.Channel, p.Themes, p.AgeBands, p.SupportCount, p.Title,
                Codes = p.PlanLinks.Select(l => l.PlanNode!.Code).ToList(),
            })
            .ToListAsync();
        await using var csv = SpreadsheetCsv.Writer(output);
        foreach (var header in new[] { "numero", "date", "statut", "origine", "themes", "tranches_age", "soutiens", "actions_schema", "titre" })
        {
            csv.WriteField(header);
        }
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            csv.WriteField(row.Id);
            csv.WriteField(row.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(row.Status.Label());
            csv.WriteField(row.Channel.Label());
            csv.WriteField(string.Join(", ", row.Themes.Split().Select(t => t.Label())));
            csv.WriteField(string.Join(", ", row.AgeBands.Split().Select(b => b.Label())));
            csv.WriteField(row.SupportCount);
            csv.WriteField(string.Join(" ", row.Codes.Order(StringComparer.Ordinal)));
            // A title nobody has read yet, or one moderation declined, may name someone: it stays out of the file.
            csv.WriteField(row.Status.IsPublic() ? row.Title : "(non publiée)");
            await csv.NextRecordAsync();
        }
    }
}
