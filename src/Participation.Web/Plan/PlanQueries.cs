using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Plan;

public sealed record PlanSummary(string Slug, string Title, string Territory, int StartYear, int EndYear, bool IsPrimary);

public sealed record PlanNodeView(int Id, string Code, string Kind, int Depth, string Title, string Summary, IReadOnlyList<PlanNodeView> Children, Theme Themes = Theme.None)
{
    public int LeafCount => Children.Count == 0 ? 1 : Children.Sum(c => c.LeafCount);
}

/// <summary>An action named by its code and its title, so that a link reads as the plan does.</summary>
public sealed record ActionRef(string Code, string Title);

public sealed record CommitmentView(int Number, string Title, string Summary, int StartYear, int EndYear, IReadOnlyList<ActionRef> Actions)
{
    public string Years => StartYear == EndYear ? $"{StartYear}" : $"{StartYear}-{EndYear}";
}

public sealed record PlanView(PlanSummary Plan, string Summary, IReadOnlyList<string> Levels, IReadOnlyList<PlanNodeView> Roots, IReadOnlyList<CommitmentView> Commitments)
{
    public int CountAt(int depth)
    {
        static int Count(IEnumerable<PlanNodeView> nodes, int depth) =>
            depth == 0 ? nodes.Count() : nodes.Sum(n => Count(n.Children, depth - 1));
        return Count(Roots, depth);
    }

    /// <summary>The nodes from a root down to the one with that code, or null when no node has it.</summary>
    public IReadOnlyList<PlanNodeView>? PathTo(string code)
    {
        static List<PlanNodeView>? Search(IEnumerable<PlanNodeView> nodes, string code)
        {
            foreach (var node in nodes)
            {
                if (node.Code == code)
                {
                    return [node];
                }
                if (Search(node.Children, code) is { } below)
                {
                    below.Insert(0, node);
                    return below;
                }
            }
            return null;
        }
        return Search(Roots, code);
    }

    /// <summary>Every action (leaf) in plan order, with the orientation it sits under, for pickers grouped by orientation.</summary>
    public IReadOnlyList<ActionChoice> Actions
    {
        get
        {
            static IEnumerable<PlanNodeView> Leaves(PlanNodeView node) => node.Children.Count == 0 ? [node] : node.Children.SelectMany(Leaves);
            return Roots.SelectMany(root => Leaves(root).Select(leaf =>
                new ActionChoice(leaf.Id, leaf.Code, leaf.Title, $"{ShortText.Capitalised(root.Kind)} {root.Code}\u00a0: {root.Title}"))).ToList();
        }
    }
}

/// <summary>An action of the plan to choose, with the orientation it sits under.</summary>
public sealed record ActionChoice(int Id, string Code, string Title, string Orientation);

/// <summary>One action of a plan, where it sits in the tree, and the key commitments that hold it.</summary>
public sealed record ActionView(PlanSummary Plan, int Id, string Code, string Kind, string Title, string Summary, Theme Themes,
    IReadOnlyList<(string Code, string Kind, string Title)> Ancestors, IReadOnlyList<CommitmentView> Commitments);

public sealed class PlanQueries(ParticipationDb db)
{
    /// <summary>The action of that plan with that code, read from the plan's tree; null when either is unknown or the code names more than one action.</summary>
    public async Task<ActionView?> ActionAsync(string slug, string code)
    {
        if (await FindAsync(slug) is not { } plan || plan.PathTo(code) is not { } path || path[^1] is not { Children.Count: 0 } action)
        {
            return null;
        }
        return new ActionView(plan.Plan, action.Id, action.Code, action.Kind, action.Title, action.Summary, action.Themes,
            path.SkipLast(1).Select(a => (a.Code, a.Kind, a.Title)).ToList(),
            plan.Commitments.Where(c => c.Actions.Any(a => a.Code == code)).ToList());
    }

    public Task<List<PlanSummary>> ListAsync() =>
        db.Plans.OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Title)
            .Select(p => new PlanSummary(p.Slug, p.Title, p.Territory, p.StartYear, p.EndYear, p.IsPrimary))
            .ToListAsync();

    /// <summary>The plan with that slug, or the département's own plan when no slug is given.</summary>
    public async Task<PlanView?> FindAsync(string? slug)
    {
        var plan = await db.Plans
            .Where(p => slug == null ? p.IsPrimary : p.Slug == slug)
            .OrderBy(p => p.Id)
            .FirstOrDefaultAsync()
            ?? (slug is null ? await db.Plans.OrderBy(p => p.Id).FirstOrDefaultAsync() : null);
        if (plan is null)
        {
            return null;
        }

        var nodes = await db.PlanNodes.Where(n => n.PlanId == plan.Id)
            .OrderBy(n => n.Depth).ThenBy(n => n.Position)
            .Select(n => new { n.Id, n.ParentId, n.Code, n.Kind, n.Depth, n.Position, n.Title, n.Summary, n.Themes })
            .ToListAsync();
        var children = nodes.ToLookup(n => n.ParentId);
        IReadOnlyList<PlanNodeView> Build(int? parentId) =>
            children[parentId].OrderBy(n => n.Position)
                .Select(n => new PlanNodeView(n.Id, n.Code, n.Kind, n.Depth, n.Title, n.Summary, Build(n.Id), n.Themes))
                .ToList();

        var commitments = await db.Commitments.Where(c => c.PlanId == plan.Id).OrderBy(c => c.Number)
            .Select(c => new CommitmentView(c.Number, c.Title, c.Summary, c.StartYear, c.EndYear,
                c.Actions.OrderBy(a => a.Code).Select(a => new ActionRef(a.Code, a.Title)).ToList()))
            .ToListAsync();

        return new PlanView(
            new PlanSummary(plan.Slug, plan.Title, plan.Territory, plan.StartYear, plan.EndYear, plan.IsPrimary),
            plan.Summary, plan.LevelNames, Build(null), commitments);
    }
}
