using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Plan;

public sealed record PlanSummary(string Slug, string Title, string Territory, int StartYear, int EndYear, bool IsPrimary);

public sealed record PlanNodeView(int Id, string Code, string Kind, int Depth, string Title, string Summary, IReadOnlyList<PlanNodeView> Children)
{
    public int LeafCount => Children.Count == 0 ? 1 : Children.Sum(c => c.LeafCount);
}

public sealed record CommitmentView(int Number, string Title, string Summary, int StartYear, int EndYear, IReadOnlyList<string> ActionCodes)
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

public sealed class PlanQueries(ParticipationDb db)
{
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
                c.Actions.OrderBy(a => a.Code).Select(a => a.Code).ToList()))
            .ToListAsync();

        return new PlanView(
            new PlanSummary(plan.Slug, plan.Title, plan.Territory, plan.StartYear, plan.EndYear, plan.IsPrimary),
            plan.Summary, plan.LevelNames, Build(null), commitments);
    }
}
