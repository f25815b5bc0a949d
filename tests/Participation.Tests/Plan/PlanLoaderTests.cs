using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Plan;

namespace Participation.Tests.Plan;

[Collection(SharedAppCollection.Name)]
public sealed class PlanLoaderTests(ParticipationApp app)
{
    [Fact]
    public async Task Both_packs_are_in_the_database_after_start_up()
    {
        var plans = await app.WithDbAsync(db => db.Plans.OrderBy(p => p.Slug).Select(p => new { p.Slug, p.Levels, Nodes = p.Nodes.Count }).ToListAsync());
        Assert.Equal(["bellerive-2025-2029", "montclar-2023-2028"], plans.Select(p => p.Slug));
        Assert.Equal("orientation|priorité|action", plans[0].Levels);
        Assert.Equal(4 + 11 + 40, plans[0].Nodes);
        Assert.Equal("droit|objectif", plans[1].Levels);
    }

    [Fact]
    public async Task Loading_again_keeps_every_node_id_and_updates_the_words()
    {
        var before = await app.WithDbAsync(db => db.PlanNodes.OrderBy(n => n.Id).Select(n => new { n.Id, n.Code }).ToListAsync());

        var packs = PlanPacks.ReadAll(RepoPaths.Content).ToList();
        var first = packs[0];
        var reworded = first with { Nodes = [first.Nodes[0] with { Title = "Titre reformulé" }, .. first.Nodes.Skip(1)] };
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlanLoader>().LoadAsync([reworded, .. packs.Skip(1)]);
        }

        var after = await app.WithDbAsync(db => db.PlanNodes.OrderBy(n => n.Id).Select(n => new { n.Id, n.Code }).ToListAsync());
        Assert.Equal(before, after);
        var title = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.Plan!.Slug == first.Slug && n.Code == first.Nodes[0].Code).Select(n => n.Title).SingleAsync());
        Assert.Equal("Titre reformulé", title);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlanLoader>().LoadAsync(packs);
        }
    }

    [Fact]
    public async Task Commitments_link_to_their_actions()
    {
        var commitment = await app.WithDbAsync(db => db.Commitments.Where(c => c.Number == 7).Select(c => new { c.Title, Actions = c.Actions.Count }).SingleAsync());
        Assert.Contains("charte", commitment.Title, StringComparison.OrdinalIgnoreCase);
        Assert.True(commitment.Actions > 0);
    }
}
