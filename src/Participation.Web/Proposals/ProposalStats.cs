using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Participation.Web.Data;

namespace Participation.Web.Proposals;

public sealed record NodeProposalCount(int PlanNodeId, ProposalStatus Status, int Count);

public sealed record LatestLinked(int PlanNodeId, int ProposalId, string Title, ProposalStatus Status);

/// <summary>Counts of proposals per plan node and status, as shown on the schema.</summary>
public sealed record PlanProposalStats(IReadOnlyList<NodeProposalCount> Counts, IReadOnlyList<LatestLinked> Latest)
{
    public int CountFor(IEnumerable<int> nodeIds, Func<ProposalStatus, bool>? status = null)
    {
        var ids = nodeIds.ToHashSet();
        return Counts.Where(c => ids.Contains(c.PlanNodeId) && (status is null || status(c.Status))).Sum(c => c.Count);
    }
}

/// <summary>
/// The schema page shows aggregates over every proposal; they are computed once and kept until
/// a proposal changes, so the page stays fast with a hundred thousand proposals.
/// </summary>
public sealed class ProposalStats(IMemoryCache cache, IServiceScopeFactory scopes)
{
    private const string Key = "plan-proposal-stats";
    public const int LatestPerNode = 3;

    public void Invalidate() => cache.Remove(Key);

    public async Task<PlanProposalStats> GetAsync() =>
        (await cache.GetOrCreateAsync(Key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
            var counts = await (
                    from link in db.ProposalPlanLinks
                    join proposal in db.Proposals on link.ProposalId equals proposal.Id
                    where !Lifecycle.Unpublished.Contains(proposal.Status) && proposal.Status != ProposalStatus.Merged
                    group link by new { link.PlanNodeId, proposal.Status } into g
                    select new NodeProposalCount(g.Key.PlanNodeId, g.Key.Status, g.Count()))
                .ToListAsync();
            // Quoted names and an aliased subquery: the one SQL both SQLite and PostgreSQL read.
            var latest = await db.Database.SqlQueryRaw<LatestRow>($"""
                SELECT "PlanNodeId", "ProposalId", "Title", "Status" FROM (
                  SELECT l."PlanNodeId", p."Id" AS "ProposalId", p."Title", p."Status",
                         ROW_NUMBER() OVER (PARTITION BY l."PlanNodeId" ORDER BY p."UpdatedAt" DESC) AS "Rank"
                  FROM "ProposalPlanLinks" l JOIN "Proposals" p ON p."Id" = l."ProposalId"
                  WHERE p."Status" NOT IN ({(int)ProposalStatus.Deposited}, {(int)ProposalStatus.Declined}, {(int)ProposalStatus.Merged})) AS ranked
                WHERE "Rank" <= {LatestPerNode}
                """).ToListAsync();
            return new PlanProposalStats(counts, latest.Select(r => new LatestLinked(r.PlanNodeId, r.ProposalId, r.Title, (ProposalStatus)r.Status)).ToList());
        }))!;

    private sealed record LatestRow(int PlanNodeId, int ProposalId, string Title, int Status);
}
