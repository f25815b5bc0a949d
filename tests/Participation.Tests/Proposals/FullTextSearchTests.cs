using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Proposals;

/// <summary>The search of /propositions on the run's database, SQLite's FTS5 or PostgreSQL's tsvector.</summary>
public sealed class FullTextSearchTests : IAsyncLifetime
{
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Seed"] = "false" });

    public async Task InitializeAsync() => await Proposals.AddAsync(_app,
        ("Une école près du foyer", "Aller à l'école à pied, sans changer de bus trois fois."),
        ("Des sorties au musée", "Le dimanche, visiter les musées de la ville avec les éducateurs."),
        ("Une chambre à soi", "Un enfant accueilli devrait pouvoir fermer sa porte."));

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("ecole", "Une école près du foyer")]
    [InlineData("ÉCOLE", "Une école près du foyer")]
    [InlineData("musée dimanche", "Des sorties au musée")]
    [InlineData("mus", "Des sorties au musée")]
    public async Task A_search_finds_its_words_without_their_accents_case_or_ending(string typed, string title) =>
        Assert.Equal([title], await Proposals.FoundAsync(_app, typed));

    [Theory]
    [InlineData("école piscine")]
    [InlineData("NEAR(école) OR *")]
    public async Task Every_word_must_be_found_and_nothing_typed_is_an_operator(string typed) =>
        Assert.Empty(await Proposals.FoundAsync(_app, typed));

    [Fact]
    public async Task Words_and_filters_together_find_only_the_proposals_matching_all_of_them()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.ParticipationDb>();
            var at = DateTimeOffset.UtcNow;
            Proposal Make(string title, ProposalStatus status, Channel channel, Theme themes, AgeBandSet bands) => new()
            {
                Title = title, Text = "Un goûter partagé le mercredi après-midi.", Status = status, Channel = channel,
                Themes = themes, AgeBands = bands, CreatedAt = at, UpdatedAt = at,
            };
            db.Proposals.AddRange(
                Make("Goûter au parc", ProposalStatus.Published, Channel.Online, Theme.Food | Theme.Leisure, AgeBandSet.From7To10 | AgeBandSet.From11To14),
                Make("Goûter retenu", ProposalStatus.RetainedByCouncil, Channel.Online, Theme.Food, AgeBandSet.From7To10),
                Make("Goûter du conseil", ProposalStatus.Published, Channel.CouncilSession, Theme.Food, AgeBandSet.From7To10),
                Make("Goûter et jeux", ProposalStatus.Published, Channel.Online, Theme.Leisure, AgeBandSet.From7To10),
                Make("Goûter des grands", ProposalStatus.Published, Channel.Online, Theme.Food, AgeBandSet.From15To17));
            await db.SaveChangesAsync();
        }

        Assert.Equal(["Goûter au parc"], await Found(new ProposalFilter(
            Query: "gouter", Status: ProposalStatus.Published, Channel: Channel.Online, Theme: Theme.Food, AgeBand: AgeBand.From7To10)));
        Assert.Equal(["Goûter au parc", "Goûter et jeux"], await Found(new ProposalFilter(Query: "goûter", Theme: Theme.Leisure)));
        Assert.Equal(["Goûter au parc", "Goûter retenu", "Goûter du conseil", "Goûter et jeux"], await Found(new ProposalFilter(Query: "mercredi", AgeBand: AgeBand.From7To10)));
        Assert.Equal(["Goûter retenu"], await Found(new ProposalFilter(Query: "goûter", Status: ProposalStatus.RetainedByCouncil)));
        Assert.Equal(["Goûter du conseil"], await Found(new ProposalFilter(Query: "goûter", Channel: Channel.CouncilSession)));
        Assert.Empty(await Found(new ProposalFilter(Query: "goûter", Theme: Theme.Health)));
    }

    [Fact]
    public async Task A_proposal_moved_to_another_step_is_found_under_its_new_step_only()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.ParticipationDb>();
            var proposal = await db.Proposals.SingleAsync(p => p.Title == "Une chambre à soi");
            proposal.Status = ProposalStatus.SentToDepartment;
            proposal.Themes = Theme.Privacy;
            await db.SaveChangesAsync();
        }

        Assert.Empty(await Found(new ProposalFilter(Query: "chambre", Status: ProposalStatus.Published)));
        Assert.Empty(await Found(new ProposalFilter(Query: "chambre", Theme: Theme.School)));
        Assert.Equal(["Une chambre à soi"], await Found(new ProposalFilter(Query: "chambre", Status: ProposalStatus.SentToDepartment, Theme: Theme.Privacy)));
    }

    private async Task<IReadOnlyList<string>> Found(ProposalFilter filter)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ProposalQueries>().SearchAsync(filter);
        return page.Rows.OrderBy(r => r.Id).Select(r => r.Title).ToList();
    }

    internal static class Proposals
    {
        public static async Task AddAsync(ParticipationApp app, params (string Title, string Text)[] proposals)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.ParticipationDb>();
            var at = DateTimeOffset.UtcNow;
            db.Proposals.AddRange(proposals.Select(p => new Proposal
            {
                Title = p.Title, Text = p.Text, Status = ProposalStatus.Published, Channel = Channel.Online,
                Themes = Theme.School, CreatedAt = at, UpdatedAt = at,
            }));
            await db.SaveChangesAsync();
        }

        public static async Task<IReadOnlyList<string>> FoundAsync(ParticipationApp app, string typed)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<ProposalQueries>().SearchAsync(new ProposalFilter(Query: typed));
            return page.Rows.Select(r => r.Title).ToList();
        }
    }
}

/// <summary>What PostgreSQL's French configuration adds: words found whatever their ending.</summary>
[Trait(ParticipationApp.Database, ParticipationApp.PostgresOnly)]
public sealed class FrenchStemmingTests : IAsyncLifetime
{
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?>(ParticipationApp.OnPostgres) { ["Demo:Seed"] = "false" });

    public async Task InitializeAsync() => await FullTextSearchTests.Proposals.AddAsync(_app,
        ("Un enfant, une voix", "Que chaque enfant accueilli soit écouté par le juge."),
        ("Des activités sportives", "Pouvoir s'inscrire au club de foot du quartier."),
        ("Des éducateurs disponibles", "Un adulte à qui parler le soir."));

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("enfants", "Un enfant, une voix")]
    [InlineData("ecoutes", "Un enfant, une voix")]
    [InlineData("activite sportive", "Des activités sportives")]
    [InlineData("educatrice", "Des éducateurs disponibles")]
    public async Task A_search_finds_the_other_forms_of_a_word(string typed, string title) =>
        Assert.Equal([title], await FullTextSearchTests.Proposals.FoundAsync(_app, typed));
}
