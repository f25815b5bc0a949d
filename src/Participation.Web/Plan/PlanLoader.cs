using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;

namespace Participation.Web.Plan;

/// <summary>
/// Brings the database in line with the packs. Nodes are matched by their code, so their ids, and
/// everything linked to them, survive a re-worded pack.
/// </summary>
public sealed class PlanLoader(ParticipationDb db)
{
    public async Task LoadAsync(IEnumerable<PlanPack> packs)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var pack in packs)
        {
            await LoadAsync(pack);
        }
        await transaction.CommitAsync();
    }

    private async Task LoadAsync(PlanPack pack)
    {
        var plan = await db.Plans
            .Include(p => p.Nodes)
            .Include(p => p.Commitments).ThenInclude(c => c.Actions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Slug == pack.Slug);
        if (plan is null)
        {
            plan = new DepartmentPlan { Slug = pack.Slug, Title = pack.Title, Territory = pack.Territory, Summary = pack.Summary, Levels = "" };
            db.Plans.Add(plan);
        }
        plan.Title = pack.Title;
        plan.Territory = pack.Territory;
        plan.Summary = pack.Summary;
        plan.StartYear = pack.StartYear;
        plan.EndYear = pack.EndYear;
        plan.IsPrimary = pack.Primary;
        plan.Levels = string.Join('|', pack.Levels);

        var byCode = plan.Nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        void Upsert(PlanPackNode source, PlanNode? parent, int depth, int position)
        {
            if (!byCode.TryGetValue(source.Code, out var node))
            {
                node = new PlanNode { Code = source.Code, Kind = "", Title = "", Summary = "" };
                plan.Nodes.Add(node);
                byCode[source.Code] = node;
            }
            node.Parent = parent;
            node.Kind = pack.Levels[depth];
            node.Depth = depth;
            node.Position = position;
            node.Title = source.Title;
            node.Summary = source.Summary;
            node.IsLeaf = source.Children is not { Count: > 0 };
            node.Themes = source.ThemeFlags;
            var i = 0;
            foreach (var child in source.Children ?? [])
            {
                Upsert(child, node, depth + 1, i++);
            }
        }
        var position = 0;
        foreach (var node in pack.Nodes)
        {
            Upsert(node, null, 0, position++);
        }

        var commitments = plan.Commitments.ToDictionary(c => c.Number);
        foreach (var source in pack.Commitments ?? [])
        {
            if (!commitments.TryGetValue(source.Number, out var commitment))
            {
                commitment = new Commitment { Number = source.Number, Title = "", Summary = "" };
                plan.Commitments.Add(commitment);
            }
            commitment.Title = source.Title;
            commitment.Summary = source.Summary;
            commitment.StartYear = source.StartYear;
            commitment.EndYear = source.EndYear;
            commitment.Actions.Clear();
            commitment.Actions.AddRange(source.Actions.Select(code => byCode[code]));
        }
        var kept = (pack.Commitments ?? []).Select(c => c.Number).ToHashSet();
        foreach (var gone in plan.Commitments.Where(c => !kept.Contains(c.Number)).ToList())
        {
            plan.Commitments.Remove(gone);
        }
        await db.SaveChangesAsync();
    }
}

public static class PlanExtensions
{
    public static WebApplicationBuilder AddPlan(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PlanLoader>();
        builder.Services.AddScoped<PlanQueries>();
        return builder;
    }

    public static async Task LoadPlansAsync(this WebApplication app)
    {
        var layout = app.Services.GetRequiredService<Infrastructure.SiteLayout>();
        IReadOnlyList<PlanPack> packs;
        try
        {
            packs = PlanPacks.ReadAll(layout.Content);
        }
        catch (Content.ContentException e)
        {
            app.Logger.LogCritical("{Problems}", e.Message);
            throw;
        }
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlanLoader>().LoadAsync(packs);
        app.Logger.LogInformation("Loaded {Count} plan packs: {Slugs}", packs.Count, string.Join(", ", packs.Select(p => p.Slug)));
    }
}
