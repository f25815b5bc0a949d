using Bunit;
using Participation.Web.Peers;

namespace Participation.Tests.Peers;

public sealed class RoadmapCardTests : BunitContext
{
    private static PeerAction Action(PeerActionStatus status, int? votesFor = 23, string? progress = null) => new()
    {
        Id = 7, CircleId = 1, Title = "Un parrain pour chaque nouvel arrivant", Text = "Accueillir chaque nouvel arrivant pendant son premier mois.",
        Status = status, ProposedById = "x", VotesFor = votesFor, VotesAgainst = votesFor is null ? null : 2, VotesRevise = votesFor is null ? null : 5,
        DecidedAt = new DateTimeOffset(2026, 10, 3, 10, 0, 0, TimeSpan.Zero), Carriers = "Les pairs-aidant·e·s du cercle", Progress = progress,
    };

    [Theory]
    [InlineData(PeerActionStatus.Adopted, 0)]
    [InlineData(PeerActionStatus.Started, 1)]
    [InlineData(PeerActionStatus.Done, 2)]
    public void The_steps_show_how_far_the_action_has_come_and_mark_the_current_one(PeerActionStatus status, int current)
    {
        var cut = Render<RoadmapCard>(p => p.Add(c => c.Action, Action(status)).Add(c => c.Circle, "18–25 ans").Add(c => c.Audience, Audience.From18To25));
        var steps = cut.FindAll(".roadmap-step");
        Assert.Equal(["adoptée", "en cours", "réalisée"], steps.Select(s => s.FirstChild!.TextContent.Trim()));
        Assert.Equal(current, steps.ToList().FindIndex(s => s.GetAttribute("aria-current") == "step"));
        Assert.Single(cut.FindAll("[aria-current]"));
        Assert.Equal(current + 1, cut.FindAll(".roadmap-step-reached").Count);
        Assert.Contains("(étape actuelle)", steps[current].TextContent);
        if (current < 2)
        {
            Assert.Contains("(pas encore)", steps[2].TextContent);
        }
    }

    [Fact]
    public void The_council_vote_is_told_in_counts_and_share_for()
    {
        var cut = Render<RoadmapCard>(p => p.Add(c => c.Action, Action(PeerActionStatus.Started, progress: "Huit parrains formés.")).Add(c => c.Circle, "Après 18 ans").Add(c => c.Audience, Audience.From18To25));
        Assert.Equal("Vote du Conseil des jeunes : 23 pour, 2 contre, 5 à revoir (77 % pour).", cut.Find(".roadmap-votes").TextContent);
        Assert.Contains("Huit parrains formés.", cut.Markup);
        Assert.Contains("adoptée le 3 octobre 2026", cut.Find(".post-meta").TextContent);
        Assert.Contains("« Après 18 ans » (18–25 ans)", cut.Find(".post-meta").TextContent);
        Assert.Equal("action-7", cut.Find("h2").Id);
        Assert.Equal("action-7", cut.Find("article").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public void Without_a_recorded_vote_or_progress_those_lines_are_left_out()
    {
        var cut = Render<RoadmapCard>(p => p.Add(c => c.Action, Action(PeerActionStatus.Adopted, votesFor: null)).Add(c => c.Circle, "Pairs-parents").Add(c => c.Audience, Audience.Parents));
        Assert.Empty(cut.FindAll(".roadmap-votes"));
        Assert.DoesNotContain("Où elle en est", cut.Markup);
        Assert.Contains("Qui la porte", cut.Markup);
    }
}
