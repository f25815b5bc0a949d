using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Plan;

public sealed record PlanSummary(string Slug, string Title, string Territory, int StartYear, int EndYear, bool IsPrimary);

public sealed record PlanNodeView(int Id, string Code, string Kind, int Depth, string Title, string Summary, IReadOnlyList<PlanNodeView> Children)
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
}

/// <summary>One action of a plan, where it sits in the tree, and the key commitments that hold it.</summary>
public sealed record ActionView(PlanSummary Plan, int Id, string Code, string Kind, string Title, string Summary, Theme Themes,
    IReadOnlyList<(string Code, string Kind, string Title)> Ancestors, IReadOnlyList<CommitmentView> Commitments);

public sealed class PlanQueries(ParticipationDb db)
{
    /// <summary>The action of that plan with that code; null when either is unknown or the code names a whole orientation.</summary>
    public async Task<ActionView?> ActionAsync(string slug, string code)
    {
        var node = await db.PlanNodes.Where(n => n.Plan!.Slug == slug && n.Code == code && n.IsLeaf)
            .Select(n => new { n.Id, n.PlanId, n.ParentId, n.Code, n.Kind, n.Title, n.Summary, n.Themes, n.Plan!.Slug, PlanTitle = n.Plan.Title, n.Plan.Territory, n.Plan.StartYear, n.Plan.EndYear, n.Plan.IsPrimary })
            .SingleOrDefaultAsync();
        if (node is null)
        {
            return null;
        }
        var tree = await db.PlanNodes.Where(n => n.PlanId == node.PlanId).Select(n => new { n.Id, n.ParentId, n.Code, n.Kind, n.Title }).ToDictionaryAsync(n => n.Id);
        var ancestors = new List<(string, string, string)>();
        for (var parent = node.ParentId; parent is { } id; parent = tree[id].ParentId)
        {
            ancestors.Insert(0, (tree[id].Code, tree[id].Kind, tree[id].Title));
        }
        var commitments = await db.Commitments.Where(c => c.PlanId == node.PlanId && c.Actions.Any(a => a.Id == node.Id)).OrderBy(c => c.Number)
            .Select(c => new CommitmentView(c.Number, c.Title, c.Summary, c.StartYear, c.EndYear, c.Actions.OrderBy(a => a.Code).Select(a => new ActionRef(a.Code, a.Title)).ToList()))
            .ToListAsync();
        return new ActionView(new PlanSummary(node.Slug, node.PlanTitle, node.Territory, node.StartYear, node.EndYear, node.IsPrimary),
            node.Id, node.Code, node.Kind, node.Title, node.Summary, node.Themes, ancestors, commitments);
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
            .Select(n => new { n.Id, n.ParentId, n.Code, n.Kind, n.Depth, n.Position, n.Title, n.Summary })
            .ToListAsync();
        var children = nodes.ToLookup(n => n.ParentId);
        IReadOnlyList<PlanNodeView> Build(int? parentId) =>
            children[parentId].OrderBy(n => n.Position)
                .Select(n => new PlanNodeView(n.Id, n.Code, n.Kind, n.Depth, n.Title, n.Summary, Build(n.Id)))
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
