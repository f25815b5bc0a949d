using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Plan;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

public sealed record ProposalFilter(
    string? Query = null, Theme? Theme = null, Channel? Channel = null, ProposalStatus? Status = null,
    AgeBand? AgeBand = null, int? PlanNodeId = null, bool IncludeDeposited = false, string? AuthorId = null, bool HideHeld = false);

public sealed record ProposalRow(int Id, string Title, string Excerpt, ProposalStatus Status, Channel Channel, Theme Themes, AgeBandSet AgeBands, DateTimeOffset CreatedAt, int SupportCount, bool HeldForSafety = false);

/// <param name="More">There are more than <paramref name="Total"/>, which is then the count's ceiling.</param>
public sealed record ProposalPage(IReadOnlyList<ProposalRow> Rows, int Total, int Page, int PageSize, bool More = false)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record NodeRef(int Id, string Code, string Kind, string Title, string PlanSlug);

/// <summary>A proposal linked to an action and carried out, with what the département wrote was done.</summary>
public sealed record DoneItem(int Id, string Title, string? WhatWasDone, DateTimeOffset At, string? Link = null, DonePhoto? Photo = null);

/// <summary>The photo of what was done, as a page shows it.</summary>
public sealed record DonePhoto(string FileName, string Alt, int Width, int Height)
{
    public string Url => DonePhotoEndpoint.Url(FileName);

    public static DonePhoto? From(string? file, string? alt, int? width, int? height) =>
        file is null ? null : new DonePhoto(file, alt ?? "", width ?? 0, height ?? 0);
}

/// <summary>What became of the public proposals linked to one action of the plan.</summary>
public sealed record ActionProgress(IReadOnlyDictionary<ProposalStatus, int> Counts, IReadOnlyList<DoneItem> Done)
{
    public int Linked => Counts.Values.Sum();
    public int Achieved => Counts.GetValueOrDefault(ProposalStatus.Integrated) + Counts.GetValueOrDefault(ProposalStatus.Done);

    /// <summary>Where the action stands, as far as the voices linked to it tell.</summary>
    public string State =>
        Counts.GetValueOrDefault(ProposalStatus.Done) > 0 ? "Des propositions reliées sont réalisées"
        : Counts.GetValueOrDefault(ProposalStatus.Integrated) > 0 ? "Des propositions reliées sont intégrées au plan d'action"
        : Linked > 0 ? "Des propositions reliées sont à l'étude"
        : "Aucune proposition reliée pour l'instant";
}



public sealed record TrailStep(DateTimeOffset At, EventKind Kind, string Actor, ProposalStatus? From, ProposalStatus? To, string? Reason, string? Link = null, DonePhoto? Photo = null);

public sealed record ProposalDetail(
    int Id, string Title, string Text, ProposalStatus Status, Channel Channel, string? OriginDetail, string? OriginReference,
    Theme Themes, AgeBandSet AgeBands, DateTimeOffset CreatedAt, int SupportCount, bool EnteredByStaff,
    IReadOnlyList<string> Authors, IReadOnlyList<string> AuthorIds, IReadOnlyList<NodeRef> PlanLinks, IReadOnlyList<TrailStep> Trail,
    (int Id, string Title)? MergedInto, IReadOnlyList<(int Id, string Title)> MergedHere, bool HeldForSafety = false);

public sealed class ProposalQueries(ParticipationDb db, PlanQueries plans)
{
    public const int PageSize = 20;

    /// <summary>
    /// Counted up to this many: past it a list says « plus de », so that a million proposals cost a
    /// page no more than a thousand; fifty pages are more than anyone turns before filtering.
    /// </summary>
    public const int CountLimit = 1_000;

    public async Task<ProposalPage> SearchAsync(ProposalFilter filter, int page = 1)
    {
        var query = await FilterAsync(filter);
        // The matches, up to one past the ceiling and in no order: the database stops once it has them.
        var found = await ProposalSearchSql.ReadAsync(db, filter.Query, () => query.Select(p => new { p.Id, p.CreatedAt }).Take(CountLimit + 1).ToListAsync());
        var more = found.Count > CountLimit;
        var total = Math.Min(found.Count, CountLimit);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        if (more)
        {
            // Many match: walking the newest first finds a page of them quickly. Only the ids are
            // walked, which an index holding the filtered columns beside each date answers alone;
            // the page's rows are then read by id.
            var newest = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Skip((page - 1) * PageSize).Take(PageSize).Select(p => p.Id).ToListAsync();
            return new ProposalPage(await RowsInOrder(newest), total, page, PageSize, More: true);
        }
        // Few match, and all are known: the page is cut here and read by id. Left to itself, the
        // database could walk every proposal from the newest, looking for a rare word.
        var ids = found.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Skip((page - 1) * PageSize).Take(PageSize).Select(p => p.Id).ToList();
        return new ProposalPage(await RowsInOrder(ids), total, page, PageSize);
    }

    private async Task<List<ProposalRow>> RowsInOrder(List<int> ids)
    {
        var rows = await Rows(db.Proposals.Where(p => ids.Contains(p.Id)));
        return rows.OrderBy(r => ids.IndexOf(r.Id)).ToList();
    }

    private static Task<List<ProposalRow>> Rows(IQueryable<Proposal> proposals) =>
        proposals.Select(p => new ProposalRow(p.Id, p.Title, p.Text.Substring(0, 180), p.Status, p.Channel, p.Themes, p.AgeBands, p.CreatedAt, p.SupportCount, p.HeldForSafety))
            .ToListAsync();

    public async Task<IQueryable<Proposal>> FilterAsync(ProposalFilter filter)
    {
        var query = ProposalSearchSql.Matching(db, filter) ?? db.Proposals;

        // Authors see all their own proposals; everyone else sees the public ones unless a step is asked for.
        if (filter.AuthorId is { } authorId)
        {
            query = query.Where(p => p.Authors.Any(a => a.MemberId == authorId));
        }
        if (filter.HideHeld)
        {
            query = query.Where(p => !p.HeldForSafety);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }
        else if (filter.AuthorId is null && !filter.IncludeDeposited)
        {
            query = query.Where(p => !Lifecycle.Unpublished.Contains(p.Status) && p.Status != ProposalStatus.Merged);
        }
        if (filter.Theme is { } theme)
        {
            var flag = (int)theme;
            query = query.Where(p => ((int)p.Themes & flag) != 0);
        }
        if (filter.Channel is { } channel)
        {
            query = query.Where(p => p.Channel == channel);
        }
        if (filter.AgeBand is { } band)
        {
            var flag = (int)band.ToSet();
            query = query.Where(p => ((int)p.AgeBands & flag) != 0);
        }
        if (filter.PlanNodeId is { } nodeId)
        {
            var leaves = await LeavesUnderAsync(nodeId);
            query = query.Where(p => p.PlanLinks.Any(l => leaves.Contains(l.PlanNodeId)));
        }
        return query;
    }

    /// <summary>The node itself if it is an action, or every action under it.</summary>
    public async Task<List<int>> LeavesUnderAsync(int nodeId)
    {
        var planId = await db.PlanNodes.Where(n => n.Id == nodeId).Select(n => (int?)n.PlanId).SingleOrDefaultAsync();
        if (planId is null)
        {
            return [];
        }
        var nodes = await db.PlanNodes.Where(n => n.PlanId == planId).Select(n => new { n.Id, n.ParentId, n.IsLeaf }).ToListAsync();
        var children = nodes.ToLookup(n => n.ParentId);
        var leaves = new List<int>();
        var stack = new Stack<int>([nodeId]);
        while (stack.TryPop(out var id))
        {
            var node = nodes.Single(n => n.Id == id);
            if (node.IsLeaf)
            {
                leaves.Add(id);
            }
            foreach (var child in children[id])
            {
                stack.Push(child.Id);
            }
        }
        return leaves;
    }

    public async Task<ProposalDetail?> DetailAsync(int id)
    {
        var proposal = await db.Proposals.AsNoTracking()
            .Include(p => p.Authors).ThenInclude(a => a.Member)
            .Include(p => p.PlanLinks).ThenInclude(l => l.PlanNode!).ThenInclude(n => n.Plan)
            .Include(p => p.Events)
            .Include(p => p.MergedInto)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id);
        if (proposal is null)
        {
            return null;
        }
        var mergedHere = await db.Proposals.Where(p => p.MergedIntoId == id).OrderBy(p => p.Id).Select(p => new { p.Id, p.Title }).ToListAsync();

        var authors = proposal.Authors
            .Select(a => a.PublicLabel)
            .Distinct()
            .ToList();
        return new ProposalDetail(
            proposal.Id, proposal.Title, proposal.Text, proposal.Status, proposal.Channel, proposal.OriginDetail, proposal.OriginReference,
            proposal.Themes, proposal.AgeBands, proposal.CreatedAt, proposal.SupportCount, proposal.EnteredById is not null,
            authors,
            proposal.Authors.Where(a => a.MemberId is not null).Select(a => a.MemberId!).ToList(),
            proposal.PlanLinks.Select(l => l.PlanNode!).OrderBy(n => n.Plan!.Slug).ThenBy(n => n.Code)
                .Select(n => new NodeRef(n.Id, n.Code, n.Kind, n.Title, n.Plan!.Slug)).ToList(),
            proposal.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new TrailStep(e.At, e.Kind, e.ActorLabel, e.FromStatus, e.ToStatus, e.Reason, e.Link, DonePhoto.From(e.PhotoFile, e.PhotoAlt, e.PhotoWidth, e.PhotoHeight))).ToList(),
            proposal.MergedInto is { } target ? (target.Id, target.Title) : null,
            mergedHere.Select(m => (m.Id, m.Title)).ToList(),
            proposal.HeldForSafety);
    }

    /// <summary>The urgent case a held proposal waits in, for the team's link to it.</summary>
    public Task<int?> SafetyCaseIdAsync(int id)
    {
        var source = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return db.SafetyCases.Where(c => c.Channel == Safeguarding.SafetyChannel.Proposal && c.SourceId == source)
            .OrderByDescending(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync();
    }

    public Task<bool> SupportsAsync(int id, string memberId) =>
        db.Supports.AnyAsync(s => s.ProposalId == id && s.MemberId == memberId);

    /// <summary>
    /// For each proposal of a page, the others that likely say the same thing: found by full-text
    /// search on the title's meaningful words (title weighted above text), then kept only when at
    /// least two of those words are in the other's title. Merged and declined ones are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<(int Id, string Title)>>> LikelyDuplicatesAsync(IReadOnlyList<ProposalRow> rows, bool hideHeld)
    {
        var found = new Dictionary<int, IReadOnlyList<(int, string)>>();
        foreach (var row in rows)
        {
            // Only those the board may show are ranked, so that hidden ones cannot crowd out real matches.
            if (ProposalSearchSql.Closest(db, row.Title, row.Id, hideHeld) is not { } closest)
            {
                continue;
            }
            var words = ProposalSearch.MeaningfulWords(row.Title);
            var candidates = await closest.Select(p => new { p.Id, p.Title }).ToListAsync();
            var close = candidates
                .Select(c => (c.Id, c.Title, Shared: ProposalSearch.MeaningfulWords(c.Title).Count(words.Contains)))
                .Where(c => c.Shared >= 2)
                .OrderByDescending(c => c.Shared).ThenBy(c => c.Id)
                .Take(2)
                .Select(c => (c.Id, c.Title))
                .ToList();
            if (close.Count > 0)
            {
                found[row.Id] = close;
            }
        }
        return found;
    }

    /// <summary>The public proposals linked to an action: how many at each step, and what was done for those carried out.</summary>
    public async Task<ActionProgress> ForActionAsync(int planNodeId)
    {
        var linked = await FilterAsync(new ProposalFilter(PlanNodeId: planNodeId, HideHeld: true));
        var counts = await linked.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var done = await linked.Where(p => p.Status == ProposalStatus.Done).Select(p => new { p.Id, p.Title }).ToListAsync();
        var ids = done.Select(d => d.Id).ToList();
        var steps = await db.ProposalEvents.Where(e => ids.Contains(e.ProposalId) && e.ToStatus == ProposalStatus.Done)
            .Select(e => new { e.ProposalId, e.At, e.Reason, e.Link, e.PhotoFile, e.PhotoAlt, e.PhotoWidth, e.PhotoHeight }).ToListAsync();
        var items = done.Select(d => steps.Where(e => e.ProposalId == d.Id).OrderByDescending(e => e.At)
                .Select(e => new DoneItem(d.Id, d.Title, e.Reason, e.At, e.Link, DonePhoto.From(e.PhotoFile, e.PhotoAlt, e.PhotoWidth, e.PhotoHeight))).FirstOrDefault())
            .OfType<DoneItem>().OrderByDescending(d => d.At).ToList();
        return new ActionProgress(counts, items);
    }

    /// <summary>The actions of the département's own plan, for pickers; none when no plan is marked as its own.</summary>
    public async Task<IReadOnlyList<ActionChoice>> ActionsAsync() =>
        await plans.FindAsync(null) is { Plan.IsPrimary: true } plan ? plan.Actions : [];

    /// <summary>Nodes of the primary plan, for the filter: orientations, priorities and actions.</summary>
    public Task<List<NodeRef>> FilterNodesAsync() =>
        db.PlanNodes.Where(n => n.Plan!.IsPrimary)
            .OrderBy(n => n.Code)
            .Select(n => new NodeRef(n.Id, n.Code, n.Kind, n.Title, n.Plan!.Slug))
            .ToListAsync();
}
